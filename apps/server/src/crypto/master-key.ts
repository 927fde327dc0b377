/**
 * The key-encryption key (KEK): parsed from `POSTERN_MASTER_KEY` or read from `<data-dir>/master.key`
 * (base64 of 32 random bytes, mode 0600), and the short id and check value that name it without
 * revealing it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { KEY_BYTES } from './envelope.ts';

export const MASTER_KEY_VARIABLE = 'POSTERN_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';

/** The master key cannot be used: missing, malformed, exposed, or not the one this database needs. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/** A KEK and its id: the first 16 hex digits of HMAC-SHA256(kek, 'postern-kek-id'). */
export interface Kek {
  readonly key: Buffer;
  readonly id: string;
}

/** @example kekFrom(randomBytes(32)).id // 'c0ffee12deadbeef' */
export function kekFrom(key: Buffer): Kek {
  return { key, id: hmacHex(key, 'postern-kek-id').slice(0, 16) };
}

/** A fresh random KEK. */
export function generateKek(): Kek {
  return kekFrom(randomBytes(KEY_BYTES));
}

/**
 * The value stored in the database to recognise the KEK at startup: `<id>:<HMAC(kek, check label)>`.
 * The id alone tells an operator which key the database expects.
 */
export function kekCheckValue(kek: Kek): string {
  return `${kek.id}:${hmacHex(kek.key, 'postern-kek-check')}`;
}

/** Whether `stored` (from kekCheckValue) was made with this KEK, in constant time. */
export function kekMatches(kek: Kek, stored: string): boolean {
  const mine = Buffer.from(kekCheckValue(kek));
  const theirs = Buffer.from(stored);
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

/** The key id part of a stored check value (for messages). */
export function kekIdOfCheck(stored: string): string {
  return stored.split(':')[0] ?? '';
}

function hmacHex(key: Buffer, label: string): string {
  return createHmac('sha256', key).update(label).digest('hex');
}

/**
 * Parses base64 (or base64url) of exactly 32 bytes; `where` names the source in the error, which
 * never repeats the value.
 *
 * @example
 * parseMasterKey(process.env.POSTERN_MASTER_KEY ?? '', 'POSTERN_MASTER_KEY');
 */
export function parseMasterKey(text: string, where: string): Buffer {
  const hint =
    'it must be the base64 encoding of exactly 32 random bytes, e.g. from `openssl rand -base64 32`';
  const trimmed = text.trim();
  const standard = trimmed.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(standard)) {
    throw new MasterKeyError(`${where} is not valid base64: ${hint}`);
  }
  const key = Buffer.from(standard, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new MasterKeyError(`${where} decodes to ${key.length} bytes, not ${KEY_BYTES}: ${hint}`);
  }
  return key;
}

/**
 * Reads a key file, refusing one that group or others may read or write (and a malformed one).
 *
 * @example
 * const kek = kekFrom(readKeyFile('/var/lib/postern/master.key'));
 */
export function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new MasterKeyError(
      `the master key file ${path} is readable or writable by group or others ` +
        `(mode ${mode.toString(8).padStart(4, '0')}); refusing to use it: run \`chmod 600 ${path}\``,
    );
  }
  return parseMasterKey(readFileSync(path, 'utf8'), `the master key file ${path}`);
}

/**
 * Writes a new key file with mode 0600; fails if the file exists (never overwrites a key).
 *
 * @example
 * writeKeyFile(join(dataDir, 'master.key'), generateKek().key);
 */
export function writeKeyFile(path: string, key: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
