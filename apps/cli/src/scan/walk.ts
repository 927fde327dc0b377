/**
 * Expands the paths given to `postern scan` into files: folders are walked recursively, skipping
 * `node_modules` and `.git` (and symbolic links inside folders, so a link loop cannot trap the walk).
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.ts';
import { fileErrorReason } from './read.ts';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * The files to scan, as absolute paths: each given file, and every file under each given folder,
 * in a stable order without duplicates.
 *
 * @example
 * await collectFiles(['collections', '.env'], process.cwd()); // ['/repo/.env', '/repo/collections/a.json', …]
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('SCAN_PATH_NOT_FOUND', { path: given });
      throw new CliError('FILE_UNREADABLE', {
        what: 'scanned',
        location: given,
        reason: fileErrorReason(error),
      });
    }
    if (info.isDirectory()) await walk(absolute, given, files);
    else files.add(absolute);
  }
  return [...files];
}

async function walk(folder: string, shown: string, files: Set<string>): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new CliError('FILE_UNREADABLE', {
      what: 'scanned',
      location: shown,
      reason: fileErrorReason(error),
    });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, join(shown, entry.name), files);
    } else if (entry.isFile()) {
      files.add(path);
    }
  }
}
