import { describe, expect, it } from 'vitest';
import { base64ByteLength, base64ToBytes, decodeText, utf8ByteLength, utf8Decode } from './encoding.ts';

const SAMPLES = [
  '',
  'a',
  'ab',
  'abc',
  'héllo wörld',
  '€ 😀 𝄞',
  'x'.repeat(20_000) + 'é',
  '\u0000\u007f\u0080\u07ff\u0800\uffff',
];

describe('encoding', () => {
  it.each(SAMPLES.map((s) => [s.slice(0, 20), s]))('round-trips %j like Buffer', (_label, text) => {
    const buffer = Buffer.from(text, 'utf8');
    expect(utf8ByteLength(text)).toBe(buffer.length);
    expect(base64ByteLength(buffer.toString('base64'))).toBe(buffer.length);
    expect(Buffer.from(base64ToBytes(buffer.toString('base64'))).equals(buffer)).toBe(true);
    expect(utf8Decode(new Uint8Array(buffer))).toBe(buffer.toString('utf8'));
  });

  it('decodes invalid UTF-8 with replacement characters exactly as Node does', () => {
    const cases = [
      [0xff],
      [0xc3],
      [0xe2, 0x82],
      [0xf0, 0x9f, 0x98],
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0x61, 0xe2, 0x28, 0xa1, 0x62],
      [0xf4, 0x90, 0x80, 0x80],
    ];
    for (const bytes of cases) {
      expect(utf8Decode(Uint8Array.from(bytes))).toBe(Buffer.from(bytes).toString('utf8'));
    }
  });

  it('tolerates whitespace and url-safe base64, and decodes Latin-1 bodies', () => {
    expect(Array.from(base64ToBytes('aG k=\n'))).toEqual([104, 105]);
    expect(base64ByteLength('aG k=\n')).toBe(2);
    expect(Array.from(base64ToBytes('-_8'))).toEqual(Array.from(Buffer.from('-_8', 'base64url')));
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'iso-8859-1')).toBe('café');
    expect(decodeText(Uint8Array.from([0xe9]), 'utf8')).toBe('\ufffd');
  });
});

describe('decodeText charsets, as iconv-lite decodes them in Newman', () => {
  const bom8 = Buffer.from([0xef, 0xbb, 0xbf]);
  it.each<[string, Buffer, string | undefined, string]>([
    ['UTF-8 drops a byte order mark', Buffer.concat([bom8, Buffer.from('{"a":1}')]), 'utf-8', '{"a":1}'],
    ['no charset reads UTF-8', Buffer.concat([bom8, Buffer.from('é')]), undefined, 'é'],
    ['UTF-16LE', Buffer.from('{"u":"é"}', 'utf16le'), 'utf-16le', '{"u":"é"}'],
    ['UTF-16 with a little-endian mark', Buffer.from('\ufeffhé', 'utf16le'), 'utf-16', 'hé'],
    ['UTF-16 with a big-endian mark', Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]), 'UTF-16', 'hé'],
    ['UTF-16BE', Buffer.from([0x00, 0x68, 0x00, 0xe9]), 'utf-16be', 'hé'],
    [
      'an unknown charset reads UTF-8 and keeps the mark',
      Buffer.concat([bom8, Buffer.from('x')]),
      'x-nope',
      '\ufeffx',
    ],
  ])('%s', (_name, bytes, charset, text) => {
    expect(decodeText(new Uint8Array(bytes), charset)).toBe(text);
  });
});
