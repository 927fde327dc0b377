import { describe, expect, it } from 'vitest';
import { Response } from './bundle/api/response.ts';
import { toResponseData } from './host-data.ts';
import { decodedBodyText } from './response-text.ts';

type Header = { key: string; value: string };

/** What the in-isolate API decodes by itself (no host text). */
function apiText(header: Header[], body: Buffer): string | undefined {
  return new Response({
    code: 200,
    status: 'OK',
    header,
    bodyBase64: body.toString('base64'),
    responseTime: 1,
    responseSize: body.length,
  }).text();
}

const json = (charset?: string): Header[] => [
  { key: 'Content-Type', value: `application/json${charset ? `; charset=${charset}` : ''}` },
];

describe('decodedBodyText', () => {
  const cases: Array<[string, Header[], Buffer]> = [
    ['ASCII JSON', json(), Buffer.from('{"a":1}')],
    ['UTF-8 text', json('utf-8'), Buffer.from('héllo wörld ✓ 😀')],
    ['UTF-8 with a BOM', json('UTF-8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')])],
    ['no Content-Type', [], Buffer.from('plain ✓')],
    ['empty Content-Type', [{ key: 'content-type', value: '' }], Buffer.from('ü')],
    ['quoted latin1 charset', json('"ISO-8859-1"'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x80, 0xff])],
    ['us-ascii with high bytes', json('us-ascii'), Buffer.from([0x41, 0xc3, 0xa9])],
    ['empty body', json(), Buffer.alloc(0)],
    // the `charset` package also reads an `encoding=` parameter, and charsets without `;` before them
    [
      'an encoding parameter',
      [{ key: 'Content-Type', value: 'text/xml; encoding=iso-8859-1' }],
      Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9]),
    ],
    [
      'a charset after a comma',
      [{ key: 'Content-Type', value: 'text/plain,charset=latin1' }],
      Buffer.from([0xe9]),
    ],
    [
      'utf-8 and latin1 headers on ASCII',
      [...json('utf-8'), { key: 'CONTENT-TYPE', value: 'text/plain; charset=latin1' }],
      Buffer.from('ascii only'),
    ],
  ];

  for (const [name, header, body] of cases) {
    it(`decodes as the API does: ${name}`, () => {
      const text = decodedBodyText(header, body);
      expect(text).toBeDefined();
      expect(text).toBe(apiText(header, body));
    });
  }

  it('leaves invalid UTF-8 to the API', () => {
    const body = Buffer.from([0x61, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
    expect(decodedBodyText(json(), body)).toBeUndefined();
  });

  it('leaves other charsets to the API', () => {
    expect(decodedBodyText(json('utf-16le'), Buffer.from('ab', 'utf16le'))).toBeUndefined();
    expect(decodedBodyText(json('windows-1252'), Buffer.from('abc'))).toBeUndefined();
  });

  it('leaves non-ASCII bodies to the API when headers disagree on the charset', () => {
    const header = [...json('utf-8'), { key: 'Content-Type', value: 'text/plain; charset=latin1' }];
    expect(decodedBodyText(header, Buffer.from('é'))).toBeUndefined();
  });

  it('leaves header entries it cannot read to the API', () => {
    const header = ['Content-Type: text/plain; charset=utf-16'] as unknown as Header[];
    expect(decodedBodyText(header, Buffer.from('abc'))).toBeUndefined();
  });
});

describe('toResponseData', () => {
  it('sends the text next to the base64 body when it is certain', () => {
    const body = Buffer.from('{"ok":true}');
    const data = toResponseData({
      code: 200,
      status: 'OK',
      header: json(),
      body,
      responseTime: 1,
      responseSize: body.length,
    });
    expect(data.bodyBase64).toBe(body.toString('base64'));
    expect(data.bodyText).toBe('{"ok":true}');
    expect(data).not.toHaveProperty('body');
  });

  it('sends no text when the API must decode', () => {
    const body = Buffer.from([0xff, 0xfe]);
    const data = toResponseData({
      code: 200,
      status: 'OK',
      header: json(),
      body,
      responseTime: 1,
      responseSize: 2,
    });
    expect(data).not.toHaveProperty('bodyText');
  });
});
