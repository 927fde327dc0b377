/**
 * Checksums that token formats embed so a scanner can tell a real token from random text:
 * CRC-32 (IEEE 802.3, as zlib computes it) written in base62. GitHub (`ghp_`, `gho_`, …), npm
 * (`npm_`) and Postern (`pstn_`) tokens end with the 6-character base62 CRC-32 of their random part.
 */

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32 of a string's UTF-8 bytes (tokens are ASCII, where bytes and char codes agree).
 *
 * @example
 * crc32('123456789'); // 0xcbf43926
 */
export function crc32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Writes a non-negative integer in base62 (most significant digit first), left-padded with `0`
 * to `width` digits.
 *
 * @example
 * toBase62(61, 2); // '0z'
 */
export function toBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/**
 * The 6-character base62 CRC-32 checksum of a token's random part.
 *
 * @example
 * const random = 'aB3…'; // 30 (GitHub, npm) or 32 (Postern) base62 characters
 * const token = `pstn_${random}${base62Crc32(random)}`;
 */
export function base62Crc32(random: string, width = 6): string {
  return toBase62(crc32(random), width);
}

/**
 * True when a token ends with the base62 CRC-32 of the characters between its prefix and its
 * last `width` characters.
 *
 * @example
 * hasBase62Crc32('npm_' + random + base62Crc32(random), 'npm_'); // true
 */
export function hasBase62Crc32(token: string, prefix: string, width = 6): boolean {
  if (!token.startsWith(prefix) || token.length <= prefix.length + width) return false;
  const random = token.slice(prefix.length, token.length - width);
  return token.slice(token.length - width) === base62Crc32(random, width);
}
