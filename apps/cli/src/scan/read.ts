/** Reading files for `postern scan`: bytes → text (BOM and UTF-16 aware); binary files are skipped. */
import { readFile } from 'node:fs/promises';
import { CliError } from '../errors.ts';
import { decodeText } from '../run/decode.ts';

/** Why a file could not be read, in words. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a file's bytes; a missing or unreadable file becomes a CliError naming `what` and `location`.
 *
 * @example
 * await readBytes('/repo/baseline.json', { what: 'baseline', location: 'baseline.json' });
 */
export async function readBytes(
  path: string,
  source: { what: string; location: string },
): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('FILE_NOT_FOUND', source);
    throw new CliError('FILE_UNREADABLE', { ...source, reason: fileErrorReason(error) });
  }
}

/** Binary files (images, archives) have NUL bytes early on; UTF-16 text has them in every other byte. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8000);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  let zeros = 0;
  for (const byte of head) if (byte === 0) zeros++;
  return zeros > 0 && (zeros < head.length / 4 || zeros > (head.length * 3) / 4);
}

/**
 * The text of a file to scan, or undefined for a binary file.
 *
 * @example
 * await readScanFile('/repo/.env', '.env'); // 'API_KEY=…'
 */
export async function readScanFile(path: string, shown: string): Promise<string | undefined> {
  const bytes = await readBytes(path, { what: 'scanned', location: shown });
  return looksBinary(bytes) ? undefined : decodeText(bytes);
}
