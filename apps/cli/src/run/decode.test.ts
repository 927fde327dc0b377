import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../../test/shared-corpus.ts';
import { decodeText } from './decode.ts';

const corpus = `${SHARED_CONFORMANCE}/newman-integration/bom-and-encoding`;
const text = '{"name":"café ✓"}';

function utf16be(value: string): Buffer {
  const le = Buffer.from(value, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('drops a UTF-8 BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toBe(text);
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeText(Buffer.from(text, 'utf16le'))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
  });

  it('falls back to Latin-1 for bytes that are not UTF-8', () => {
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });

  it('decodes the files of the Newman bom-and-encoding corpus into JSON', () => {
    for (const file of [
      'bom-in-collection-file.postman_collection.json',
      'bom-in-environment-file.postman_environment.json',
      'utf16-le-encoding-in-env.postman_environment.json',
    ]) {
      const decoded = decodeText(readFileSync(join(corpus, file)));
      expect(decoded.charCodeAt(0)).not.toBe(0xfeff);
      expect(() => JSON.parse(decoded)).not.toThrow();
    }
  });
});
