import { describe, expect, it } from 'vitest';
import { CollectionError } from './errors.ts';
import { decodeDocument, parseJsonDocument } from './json-document.ts';

const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = bigEndian ? code >> 8 : code & 0xff;
    bytes[3 + i * 2] = bigEndian ? code & 0xff : code >> 8;
  }
  return bytes;
};

describe('decodeDocument', () => {
  it('decodes UTF-8 and keeps its BOM for the parser to skip', () => {
    expect(decodeDocument(new TextEncoder().encode('\uFEFF{"é":1}'))).toBe('\uFEFF{"é":1}');
  });

  it('decodes UTF-16 with either byte order mark', () => {
    expect(decodeDocument(utf16('{"a":"ü"}', false))).toBe('{"a":"ü"}');
    expect(decodeDocument(utf16('{"a":"ü"}', true))).toBe('{"a":"ü"}');
  });
});

describe('parseJsonDocument', () => {
  it('skips a BOM and surrounding whitespace', () => {
    expect(parseJsonDocument('\uFEFF  {"a":[1]}\n')).toEqual({ a: [1] });
  });

  it('names what could not be read', () => {
    expect(() => parseJsonDocument('{oops', 'environment')).toThrow(CollectionError);
    expect(() => parseJsonDocument('{oops', 'environment')).toThrow(/^the environment is not valid JSON: /);
  });
});
