/**
 * Reading files for file and form-data bodies, with Newman's path rules and error messages:
 * a path is resolved against the working directory; reading outside it is refused only when
 * `insecureFileRead` is false (Newman's default allows it).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FileAccess {
  workingDir: string;
  /** Default true, as Newman (`--no-insecure-file-read` sets it to false). */
  insecureFileRead?: boolean;
}

function isInside(resolved: string, dir: string): boolean {
  const parent = dir.endsWith(path.sep) ? dir.slice(0, -1) : dir;
  return resolved === parent || resolved.startsWith(parent + path.sep);
}

/**
 * Resolves a body file path against the working directory.
 *
 * @example
 * resolveBodyFile('data/a.png', { workingDir: '/w' }) // '/w/data/a.png'
 */
export function resolveBodyFile(src: string, access: FileAccess): string {
  const workingDir = path.resolve(access.workingDir);
  const resolved = path.resolve(workingDir, src);
  if (access.insecureFileRead === false && !isInside(resolved, workingDir)) {
    throw new Error('PPERM: insecure file access outside working directory');
  }
  return resolved;
}

/**
 * Reads a body file, failing with the messages Newman prints (`"a.txt", no such file`).
 *
 * @example
 * const { data, resolvedPath } = await readBodyFile('a.txt', { workingDir: '/w' })
 */
export async function readBodyFile(
  src: string,
  access: FileAccess,
): Promise<{ data: Buffer; resolvedPath: string }> {
  const resolvedPath = resolveBodyFile(src, access);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(resolvedPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`"${src}", no such file`);
    throw error;
  }
  if (!info.isFile()) throw new Error(`"${src}", is not a file`);
  if (!(info.mode & 0o400)) throw new Error(`"${src}", read permission denied`);
  return { data: await readFile(resolvedPath), resolvedPath };
}
