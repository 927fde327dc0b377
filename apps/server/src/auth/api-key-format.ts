/**
 * Postern API keys: `pstn_` + 32 random base62 characters + a 6-character base62 CRC32 of the
 * random part (SECURITY.md). The checksum lets the server and the scanner (`postern-api-key` rule
 * in @postern/secrets, which owns the checksum) reject a mistyped or made-up key without a
 * database lookup, and makes a leaked key unambiguous to detect.
 */
import { randomInt } from 'node:crypto';
import { BASE62_ALPHABET, base62Crc32 } from '@postern/secrets';

export const API_KEY_PREFIX = 'pstn_';
const RANDOM_LENGTH = 32;
const KEY_PATTERN = /^pstn_[0-9A-Za-z]{38}$/;

/** A new key (shown to its owner once; only its hash is stored). */
export function generateApiKey(): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62_ALPHABET[randomInt(62)];
  return `${API_KEY_PREFIX}${random}${base62Crc32(random)}`;
}

/** True when `key` has the Postern key shape and its checksum matches. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const random = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + RANDOM_LENGTH);
  return key.slice(API_KEY_PREFIX.length + RANDOM_LENGTH) === base62Crc32(random);
}
