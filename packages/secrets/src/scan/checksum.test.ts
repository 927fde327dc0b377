import { createHash, randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE62_ALPHABET, base62Crc32, crc32, hasBase62Crc32, toBase62 } from './checksum.ts';
import { sha256Hex } from './sha256.ts';

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('agrees with zlib on random base62 strings', () => {
    for (let i = 0; i < 200; i++) {
      const text = [...randomBytes(32)].map((b) => BASE62_ALPHABET[b % 62]).join('');
      expect(crc32(text)).toBe(zlibCrc32(text) >>> 0);
    }
  });
});

describe('base62', () => {
  it('writes digits most significant first, padded', () => {
    expect(toBase62(0, 3)).toBe('000');
    expect(toBase62(61, 2)).toBe('0z');
    expect(toBase62(62, 2)).toBe('10');
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('checks a token built as GitHub, npm and Postern build theirs', () => {
    const random = 'q3Xv9LmZ2kP8sW4tY7bN1cR5dF6gH0';
    const token = `ghp_${random}${base62Crc32(random)}`;
    expect(hasBase62Crc32(token, 'ghp_')).toBe(true);
    expect(hasBase62Crc32(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`, 'ghp_')).toBe(false);
    expect(hasBase62Crc32(token, 'npm_')).toBe(false);
    expect(hasBase62Crc32('ghp_', 'ghp_')).toBe(false);
  });
});

describe('sha256Hex', () => {
  it('agrees with node:crypto', () => {
    const inputs = ['', 'abc', 'é€😀', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'q'.repeat(1000)];
    for (const input of inputs) {
      expect(sha256Hex(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
    }
  });
});
