/**
 * `postern scan <path…>`: finds secrets in files and folders. Exit code 0 when nothing new is
 * found, 1 when something is, 2 when a path, file or baseline cannot be used. The report names
 * each finding by rule, place and fingerprint, never by its value.
 */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import {
  applyBaseline,
  BaselineError,
  type Finding,
  parseBaseline,
  scanDocument,
  serializeBaseline,
} from '@postern/secrets';
import { CliError, EXIT_CODE, type ExitCode } from '../errors.ts';
import { decodeText } from '../run/decode.ts';
import { renderReport, SCAN_FORMATS, type ScanFormat } from './output.ts';
import { fileErrorReason, readBytes, readScanFile } from './read.ts';
import { collectFiles } from './walk.ts';

export interface ScanCliOptions {
  paths: readonly string[];
  format?: string;
  baseline?: string;
  writeBaseline?: string;
}

export interface ScanIo {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

/**
 * Runs a scan and writes its report; resolves to the exit code.
 *
 * @example
 * process.exitCode = await scanCommand({ paths: ['collections'], format: 'json' }, { stdout, stderr, cwd });
 */
export async function scanCommand(options: ScanCliOptions, io: ScanIo): Promise<ExitCode> {
  const format = checkFormat(options.format ?? 'text');
  const known = options.baseline ? await loadBaseline(options.baseline, io.cwd) : new Set<string>();
  const files = await collectFiles(options.paths, io.cwd);
  const all: Finding[] = [];
  let filesScanned = 0;
  for (const path of files) {
    const shown = displayPath(path, io.cwd);
    const text = await readScanFile(path, shown);
    if (text === undefined) continue;
    filesScanned++;
    all.push(...scanDocument(text, { file: shown }));
  }
  const { fresh, accepted } = applyBaseline(all, known);
  if (options.writeBaseline) await saveBaseline(options.writeBaseline, io.cwd, all);
  io.stdout.write(renderReport({ format, findings: fresh, all, filesScanned, accepted: accepted.length }));
  if (options.writeBaseline) {
    io.stderr.write(
      `Wrote ${all.length} finding${all.length === 1 ? '' : 's'} to the baseline ${options.writeBaseline}.\n`,
    );
    return EXIT_CODE.ok;
  }
  return fresh.length > 0 ? EXIT_CODE.failures : EXIT_CODE.ok;
}

function checkFormat(format: string): ScanFormat {
  if ((SCAN_FORMATS as readonly string[]).includes(format)) return format as ScanFormat;
  throw new CliError('INVALID_OPTION', {
    option: '--format',
    value: format,
    expected: `one of ${SCAN_FORMATS.join(', ')}`,
  });
}

/** Paths inside the working directory are shown relative to it, with `/` separators. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

async function loadBaseline(location: string, cwd: string): Promise<Set<string>> {
  const bytes = await readBytes(resolve(cwd, location), { what: 'baseline', location });
  try {
    return parseBaseline(decodeText(bytes));
  } catch (error) {
    if (error instanceof BaselineError)
      throw new CliError('BASELINE_INVALID', { location, problem: error.message });
    throw error;
  }
}

async function saveBaseline(location: string, cwd: string, findings: readonly Finding[]): Promise<void> {
  try {
    await writeFile(resolve(cwd, location), serializeBaseline(findings));
  } catch (error) {
    throw new CliError('BASELINE_WRITE_FAILED', { location, reason: fileErrorReason(error) });
  }
}
