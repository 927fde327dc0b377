/**
 * Postern API keys: `pstn_` + 32 random base62 characters + a 6-character base62 CRC32 of the
 * random part (SECURITY.md). The checksum lets the server and the scanner reject a mistyped or
 * made-up key without a database lookup, and makes a leaked key unambiguous to detect.
 */
import { randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const API_KEY_PREFIX = 'pstn_';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^pstn_[0-9A-Za-z]{38}$/;

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checksum(random: string): string {
  return base62(crc32(random) >>> 0, CHECKSUM_LENGTH);
}

/** A new key (shown to its owner once; only its hash is stored). */
export function generateApiKey(): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  return `${API_KEY_PREFIX}${random}${checksum(random)}`;
}

/** True when `key` has the Postern key shape and its checksum matches. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const random = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + RANDOM_LENGTH);
  return key.slice(API_KEY_PREFIX.length + RANDOM_LENGTH) === checksum(random);
}
