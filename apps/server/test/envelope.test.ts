import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, open, seal } from '../src/crypto/envelope.ts';
import {
  kekCheckValue,
  kekFrom,
  kekMatches,
  MasterKeyError,
  parseMasterKey,
} from '../src/crypto/master-key.ts';

const key = randomBytes(32);
const aad = ['value', 'ws-1', 'env:1:var:token'];

/** Replaces one character of part `index` (1 iv, 2 body, 3 tag) with another base64url character. */
function tamper(ciphertext: string, index: number): string {
  const parts = ciphertext.split('.');
  const part = parts[index] ?? '';
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('envelope format', () => {
  it('round-trips text, with a fresh IV each time', () => {
    const plaintext = Buffer.from('s3cret value ✓', 'utf8');
    const a = seal(key, aad, plaintext);
    const b = seal(key, aad, plaintext);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(open(key, aad, a).toString('utf8')).toBe('s3cret value ✓');
    expect(open(key, aad, seal(key, aad, Buffer.alloc(0))).length).toBe(0);
  });

  it('refuses another key, another AAD, and AAD parts that only look alike', () => {
    const text = seal(key, aad, Buffer.from('x'));
    expect(() => open(randomBytes(32), aad, text)).toThrow(DecryptError);
    expect(() => open(key, ['value', 'ws-2', 'env:1:var:token'], text)).toThrow(DecryptError);
    expect(() => open(key, ['value', 'ws-1', 'env:1:var:other'], text)).toThrow(/does not authenticate/);
    const joined = seal(key, ['a.b', 'c'], Buffer.from('x'));
    expect(() => open(key, ['a', 'b.c'], joined)).toThrow(DecryptError);
  });

  it('detects tampering with the IV, the body or the tag, and malformed input', () => {
    const text = seal(key, aad, Buffer.from('tamper me'));
    for (const index of [1, 2, 3]) expect(() => open(key, aad, tamper(text, index))).toThrow(DecryptError);
    expect(() => open(key, aad, text.slice(0, -2))).toThrow(DecryptError);
    expect(() => open(key, aad, `v2${text.slice(2)}`)).toThrow(/unsupported ciphertext version "v2"/);
    expect(() => open(key, aad, 'plain text')).toThrow(/not a Postern ciphertext/);
    expect(() => open(key, aad, text.replace('.', '.!'))).toThrow(/bad base64url/);
  });
});

describe('master key parsing and ids', () => {
  it('accepts base64 and base64url of exactly 32 bytes', () => {
    const raw = randomBytes(32);
    expect(parseMasterKey(`${raw.toString('base64')}\n`, 'X')).toEqual(raw);
    expect(parseMasterKey(raw.toString('base64url'), 'X')).toEqual(raw);
  });

  it('names the source and never echoes the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseMasterKey(short, 'POSTERN_MASTER_KEY')).toThrow(MasterKeyError);
    for (const bad of [short, 'not base64!!', '']) {
      let message = '';
      try {
        parseMasterKey(bad, 'POSTERN_MASTER_KEY');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^POSTERN_MASTER_KEY (decodes to 16 bytes, not 32|is not valid base64)/);
      if (bad) expect(message).not.toContain(bad);
    }
  });

  it('gives each KEK a stable 16-hex id and a check value only that KEK matches', () => {
    const raw = randomBytes(32);
    const kek = kekFrom(raw);
    expect(kek.id).toMatch(/^[0-9a-f]{16}$/);
    expect(kekFrom(Buffer.from(raw)).id).toBe(kek.id);
    const check = kekCheckValue(kek);
    expect(check.startsWith(`${kek.id}:`)).toBe(true);
    expect(kekMatches(kek, check)).toBe(true);
    expect(kekMatches(kekFrom(randomBytes(32)), check)).toBe(false);
    expect(check).not.toContain(raw.toString('hex'));
  });
});
