import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { quickCharset, setContentTypesLoader } from './content-info.ts';
import { contentTypeData } from './content-types.build.mjs';
import { createContentInfo, guessFormat } from './content-types.ts';
import { reasonPhrase } from './http-reasons.ts';
import { Response } from './response.ts';
import { fakeBridge, makeInput, runScript, textResponse } from './test-harness.ts';
import type { ScriptResponseData } from './types.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as { Response: new (o: unknown) => SdkResponse };
/** Resolves what postman-collection's content-info module resolves (its mime-format, file-type…). */
const sdkRequire = createRequire(require.resolve('postman-collection/lib/content-info/index.js'));

/**
 * In the isolate, `contentInfo()` loads the `postern-content-types` library through the loader
 * libraries.ts installs: here it is the same data, made by the build's generator.
 */
beforeAll(() => {
  const library = {
    contentInfo: createContentInfo({ ...contentTypeData(), sniff: sdkRequire('file-type') }),
  };
  setContentTypesLoader(() => library);
});
interface SdkResponse {
  code: number;
  status: string;
  responseTime: number;
  responseSize: number;
  reason(): string;
  details(): Record<string, unknown>;
  text(): string;
  json(): unknown;
  jsonp(): unknown;
  size(): unknown;
  dataURI(): string;
  encoding(): unknown;
  headers: {
    toObject(): unknown;
    get(k: string): unknown;
    has(k: string, v?: string): boolean;
    count(): number;
  };
  contentInfo(): Record<string, unknown>;
}

function theirs(data: ScriptResponseData): SdkResponse {
  return new sdk.Response({
    code: data.code,
    status: data.status,
    header: data.header,
    stream: Buffer.from(data.bodyBase64, 'base64'),
    responseTime: data.responseTime,
  });
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (err) {
    return { thrown: (err as Error).name, message: (err as Error).message };
  }
}

function observe(r: SdkResponse): unknown {
  const { detail: _detail, ...details } = r.details();
  return {
    code: r.code,
    status: r.status,
    reason: r.reason(),
    details,
    responseTime: r.responseTime,
    responseSize: r.responseSize,
    text: r.text(),
    json: attempt(() => r.json()),
    jsonp: attempt(() => r.jsonp()),
    size: r.size(),
    dataURI: r.dataURI(),
    encoding: r.encoding(),
    headers: r.headers.toObject(),
    headerGet: r.headers.get('content-type'),
    headerHas: [r.headers.has('X-A'), r.headers.has('x-a', '2'), r.headers.has('x-a', '3')],
    headerCount: r.headers.count(),
    charset: r.contentInfo().charset,
    contentType: r.contentInfo().contentType,
  };
}

const RESPONSES: Array<[string, ScriptResponseData]> = [
  [
    'json',
    textResponse('{"ok":true,"list":[1,2],"text":"é€😀"}', {
      header: [
        { key: 'Content-Type', value: 'application/json; charset=utf-8' },
        { key: 'X-A', value: '1' },
        { key: 'x-a', value: '2' },
      ],
    }),
  ],
  ['invalid json', textResponse('<html>nope</html>', { code: 500, status: 'Internal Server Error' })],
  [
    'jsonp',
    textResponse('callback({"a":1});', {
      header: [{ key: 'Content-Type', value: 'application/javascript' }],
    }),
  ],
  ['empty', textResponse('', { code: 204, status: 'No Content' })],
  ['no status text', textResponse('x', { code: 418, status: '' })],
  [
    'latin1',
    {
      ...textResponse(''),
      header: [{ key: 'Content-Type', value: 'text/plain; charset=ISO-8859-1' }],
      bodyBase64: Buffer.from([0x63, 0x61, 0x66, 0xe9]).toString('base64'),
      responseSize: 4,
    },
  ],
  [
    'gzip size',
    textResponse('decoded body', {
      header: [
        { key: 'Content-Encoding', value: 'gzip' },
        { key: 'Content-Length', value: '5' },
      ],
    }),
  ],
];

describe('Response (compared with postman-collection)', () => {
  it.each(RESPONSES)('%s', (_label, data) => {
    expect(observe(new Response(data) as unknown as SdkResponse)).toEqual(observe(theirs(data)));
  });

  it('uses text the engine already decoded, and sizes the body without decoding it', () => {
    const data = { ...textResponse('{"a":1}'), bodyText: '{"a":2}' };
    const response = new Response(data);
    expect(response.json()).toEqual({ a: 2 });
    expect(response.responseSize).toBe(7);
    expect(response.dataURI()).toBe(`data:text/plain;base64, ${data.bodyBase64}`);
  });

  it('knows the standard reason phrases of Postman', () => {
    const db = require('http-reasons/db.json') as Record<string, { name: string }>;
    for (const [code, { name }] of Object.entries(db)) expect(reasonPhrase(Number(code))).toBe(name);
    expect(reasonPhrase(299)).toBeUndefined();
  });
});

describe('pm.response and the legacy response globals', () => {
  it('exposes the response to test scripts', async () => {
    const response = textResponse('{"a":1}', {
      code: 201,
      status: 'Created',
      header: [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'Set-Cookie', value: 'sid=1' },
      ],
    });
    const { output } = await runScript(
      `
      pm.test('pm.response', () => {
        pm.expect(pm.response.code).to.equal(201);
        pm.expect(pm.response.status).to.equal('Created');
        pm.expect(pm.response.json()).to.deep.equal({ a: 1 });
        pm.expect(pm.response.text()).to.equal('{"a":1}');
        pm.expect(pm.response.headers.get('content-type')).to.equal('application/json');
        pm.expect(pm.response.responseTime).to.equal(12);
        pm.expect(pm.response.responseSize).to.equal(7);
        pm.expect(pm.response.to.have.status(201)).to.be.ok;
      });
      pm.test('legacy', () => {
        pm.expect(responseBody).to.equal('{"a":1}');
        pm.expect(responseCode.code).to.equal(201);
        pm.expect(responseCode.name).to.equal('Created');
        pm.expect(responseHeaders['Content-Type']).to.equal('application/json');
        pm.expect(responseTime).to.equal(12);
        pm.expect(postman.getResponseHeader('content-type')).to.equal('application/json');
        pm.expect(iteration).to.equal(0);
      });
    `,
      makeInput({ response }),
    );
    expect(output.assertions.map((a) => a.error)).toEqual([undefined, undefined]);
  });

  it("a JSON parse failure inside a test reports Postman's JSONError", async () => {
    const { output } = await runScript(
      `pm.test('parse', () => { pm.response.json(); });`,
      makeInput({ response: textResponse('Not JSON') }),
    );
    expect(output.assertions[0]?.error).toEqual({
      name: 'JSONError',
      message: "Unexpected token 'N' at 1:1\nNot JSON\n^",
    });
  });

  it('prerequest scripts have no response globals', async () => {
    const { output } = await runScript(
      `pm.test('none', () => {
        pm.expect(pm.response).to.equal(undefined);
        pm.expect(typeof responseBody).to.equal('undefined');
        pm.expect(postman.getResponseHeader).to.equal(undefined);
      });`,
      makeInput({ listen: 'prerequest' }),
    );
    expect(output.assertions[0]?.error).toBeUndefined();
  });

  it('a test script after a request error gets an empty Response, like postman-sandbox', async () => {
    const { output } = await runScript(
      `pm.test('shape', () => {
        pm.expect(typeof pm.response).to.equal('object');
        pm.expect(pm.response.code).to.equal(undefined);
        pm.expect(pm.response.text()).to.equal(undefined);
        pm.expect(Object.keys(pm.response)).to.not.include('code');
        pm.expect(responseBody).to.equal(undefined);
      });
      pm.test('json() throws', () => { pm.response.json(); });
      pm.test('status on purpose', () => pm.response.to.have.status(200));`,
      makeInput({ response: undefined }),
    );
    expect(output.assertions.map((a) => a.error?.message)).toEqual([
      undefined,
      '"undefined" is not valid JSON',
      expect.stringContaining("to have property 'code'"),
    ]);
  });
});

describe('empty Response (compared with postman-collection)', () => {
  it('answers like `new sdk.Response(undefined)`', () => {
    const ours = new Response(undefined) as unknown as SdkResponse;
    const postman = new sdk.Response(undefined);
    const view = (r: SdkResponse) => ({
      code: r.code,
      status: r.status,
      responseTime: r.responseTime,
      responseSize: r.responseSize,
      reason: r.reason(),
      details: r.details(),
      text: r.text(),
      json: attempt(() => r.json()),
      jsonp: attempt(() => r.jsonp()),
      size: r.size(),
      dataURI: r.dataURI(),
      headerCount: r.headers.count(),
      hasOwnCode: Object.hasOwn(r, 'code'),
    });
    expect(view(ours)).toEqual(view(postman));
  });
});

describe('pm.response against the responses pm.sendRequest hands over', () => {
  it('gives only pm.response the chai `to`, and both the body as a `stream` Buffer', async () => {
    const { output } = await runScript(
      [
        "pm.sendRequest('http://x.test/', (err, res) => {",
        "  pm.environment.set('shape', [typeof res.to, typeof pm.response.to, Buffer.isBuffer(res.stream), pm.response.stream.toString()].join());",
        '});',
      ].join('\n'),
      makeInput({ listen: 'test', response: textResponse('hello') }),
      fakeBridge({ respond: () => ({ response: textResponse('from send') }) }),
    );
    expect(output.scopes.environment.find((v) => v.key === 'shape')?.value).toBe(
      'undefined,object,true,hello',
    );
  });
});

/**
 * Newman's sandbox runs postman-collection on the `buffer` 5.7.1 polyfill (browserify's, see
 * postman-sandbox's lib/environment.js), whose UTF-8 decoding of invalid bytes differs from Node's:
 * the SDK's `contentInfo()` runs with that `Buffer` global, as in Newman.
 */
const SandboxBuffer = (
  createRequire(require.resolve('postman-sandbox'))('buffer/') as { Buffer: typeof Buffer }
).Buffer;

function sdkContentInfo(response: SdkResponse): unknown {
  const nodeBuffer = globalThis.Buffer;
  globalThis.Buffer = SandboxBuffer;
  try {
    return response.contentInfo();
  } finally {
    globalThis.Buffer = nodeBuffer;
  }
}

/**
 * contentInfo (or what it throws) with its key order; a non-string fileName by its type and text.
 * "x is not a function" loses the callee's name: minifiers (Newman's bundle, ours) rename it.
 */
function infoView(get: () => unknown): unknown {
  let info: Record<string, unknown>;
  try {
    info = get() as Record<string, unknown>;
  } catch (err) {
    const message = (err as Error).message.replace(/^.* is not a function$/, '(callee) is not a function');
    return { thrown: (err as Error).name, message };
  }
  const view: Array<[string, unknown]> = Object.entries(info).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : { type: typeof value, text: String(value) },
  ]);
  return view;
}

function compareContentInfo(
  header: Array<{ key: string; value: string }>,
  body: Buffer = Buffer.from('body'),
) {
  const data: ScriptResponseData = {
    ...textResponse(''),
    header,
    bodyBase64: body.toString('base64'),
    responseSize: body.length,
  };
  const ours = infoView(() => new Response(data).contentInfo());
  const theirsInfo = infoView(() => sdkContentInfo(theirs(data)));
  return { ours, theirs: theirsInfo };
}

function differences(
  cases: Array<{ label: string; header: Array<{ key: string; value: string }>; body?: Buffer }>,
) {
  const diff: unknown[] = [];
  for (const { label, header, body } of cases) {
    const { ours, theirs: expected } = compareContentInfo(header, body);
    if (JSON.stringify(ours) !== JSON.stringify(expected)) diff.push({ label, ours, theirs: expected });
  }
  return diff;
}

const contentTypeCase = (value: string) => ({ label: value, header: [{ key: 'Content-Type', value }] });

const mimeFormatDb = sdkRequire('mime-format/db.json') as Record<string, unknown>;
const mimeDb = createRequire(sdkRequire.resolve('mime-types'))('mime-db') as Record<string, unknown>;

/** Content types past the two dbs: parameters, case, whitespace, and every branch of the guesses. */
const ODD_CONTENT_TYPES = [
  '',
  ' ',
  ';',
  ';charset=utf-8',
  'constructor',
  '__proto__',
  'Constructor; charset=GBK',
  'toString',
  'hasOwnProperty',
  'text',
  'json',
  'foo',
  'foo/bar',
  'x/y-audio',
  'x/yvideo+json',
  'a/b+json',
  'application/json; charset=UTF-8',
  'APPLICATION/JSON;CHARSET=UTF-8',
  ' application / json ; charset = "utf-8" ',
  "application/json; charset='latin1'",
  'application/json;charset=',
  'application/json; charset=  utf-16le',
  'application/json; charset=x.y',
  'text/xml; encoding=ISO-8859-1',
  'text/plain; x-encoding=gzip; charset=utf-8',
  'text/html charset=Shift_JIS',
  'text/plain;\tcharset=latin1',
  'application/vnd.api+json',
  'application/problem+json',
  'application/problem+xml',
  'application/hal+json',
  'application/x-ndjson',
  'application/jsonl',
  'application/ld+json',
  'application/graphql',
  'application/grpc',
  'application/grpc+proto',
  'application/octet-stream',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'application/xhtml',
  'application/x-javascript',
  'application/jsonp',
  'text/jsonp',
  'application/x-protobuf',
  'application/msgpack',
  'multipart/form-data; boundary=----x',
  'multipart/mixed',
  'message/http',
  'message/rfc822',
  'model/gltf+json',
  'model/x-unknown',
  'font/woff2',
  'font/x-unknown',
  'chemical/x-cif',
  'x-conference/x-cooltalk',
  'image/svg+xml',
  'image/x-unknown',
  'audio/x-unknown',
  'video/x-unknown',
  'text/x-unknown',
  'textual/thing',
  'multimedia/audio-thing',
  'İ/İ',
  'TEXT/HTML',
  'text/html\n',
  'text/vnd.wap.wml',
  'application/vnd.wap.wmlc',
  'application/webml',
  'application/x-vml',
  'application/ecmascript',
  'application/pdf; name=report.pdf',
];

/** Every pairing of these bases and subtypes, for the guess rules' order and partial matches. */
const BASES = ['application', 'text', 'image', 'audio', 'video', 'message', 'multipart', 'x-text', 'vnd', ''];
const SUBTYPES = [
  'json',
  'jsonp',
  'xml',
  'html',
  'yaml',
  'vml',
  'webml',
  'script',
  'x-audio',
  'ximage',
  'video-text',
  'text',
  'vnd.foo+json',
  'x-foo',
  'plain',
  'octet-stream',
  'application',
];

/** No Content-Type: postman-collection sniffs the body with file-type 3.9.0. */
const SNIFFED_BODIES: Array<[string, Buffer]> = [
  ['empty', Buffer.alloc(0)],
  ['one byte', Buffer.from([0x89])],
  ['two bytes', Buffer.from([0xff, 0xd8])],
  ['00 00 01 (file-type throws)', Buffer.from([0, 0, 1])],
  ['mpeg', Buffer.from([0, 0, 1, 0xba, 0, 0])],
  ['png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
  ['jpeg', Buffer.from('ffd8ffe000104a464946', 'hex')],
  ['gif', Buffer.from('GIF89a\x01\x00', 'latin1')],
  ['pdf', Buffer.from('%PDF-1.7\n')],
  ['zip', Buffer.from('504b0304140000000800', 'hex')],
  ['gzip', Buffer.from('1f8b0800000000000003', 'hex')],
  ['bzip2', Buffer.from('BZh91AY&SY')],
  ['7z', Buffer.from('377abcaf271c0004', 'hex')],
  ['wav', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
  ['webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
  ['mp3', Buffer.from('ID3\x03\x00\x00\x00', 'latin1')],
  ['exe', Buffer.from('MZ\x90\x00\x03', 'latin1')],
  ['elf', Buffer.from('\x7fELF\x02\x01\x01', 'latin1')],
  ['tar', Buffer.concat([Buffer.alloc(257), Buffer.from('ustar\x0000', 'latin1'), Buffer.alloc(100)])],
  ['json text', Buffer.from('{"a":1}')],
  ['html text', Buffer.from('<!doctype html><html></html>')],
  ['xml text', Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')],
];

/** Deterministic pseudo-random bytes (xorshift), biased to the magic numbers' first bytes. */
function randomBodies(count: number): Buffer[] {
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const firsts = [
    0, 0x1f, 0x25, 0x42, 0x47, 0x49, 0x4d, 0x50, 0x52, 0x7f, 0x89, 0xff, 0x1a, 0x30, 0x4f, 0x66,
  ];
  const bodies: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = Buffer.alloc(next() % 40);
    for (let k = 0; k < bytes.length; k++) bytes[k] = next() & 0xff;
    if (bytes.length) bytes[0] = firsts[next() % firsts.length]!;
    if (bytes.length > 1 && next() % 2) bytes[1] = firsts[next() % firsts.length]!;
    bodies.push(bytes);
  }
  return bodies;
}

const DISPOSITIONS = [
  '',
  'inline',
  'attachment',
  'attachment; filename=a.txt',
  'attachment;filename=a.txt',
  'attachment; filename="a b.txt"',
  'attachment; filename="a\\"b.txt"',
  'attachment; filename="a\\\\b.txt"',
  'attachment; filename="unterminated.txt',
  'attachment; filename=""',
  'attachment; filename=',
  'attachment; FILENAME=upper.txt',
  'attachment; filename = spaced.txt',
  'attachment;\tfilename=\ttabbed.txt',
  'attachment; filename=a;b.txt',
  'attachment; filename=résumé.pdf',
  'attachment; filename="résumé.pdf"',
  'filename=no-semicolon.txt',
  "attachment; filename*=utf-8''%E4%BD%A0%E5%A5%BD.txt",
  "attachment; filename*=UTF-8''%E4%BD%A0.txt; filename=fallback.txt",
  "attachment; filename=fallback.txt; filename*=utf-8''real.txt",
  "attachment; filename*=utf-8'en-us'a%20b.txt",
  "attachment; filename*=iso-8859-1'en'%A3%20rates.txt",
  "attachment; filename*=iso-8859-1''%0A%80%FF%41",
  "attachment; filename*=utf-8''%C3%A9t%C3%A9.csv",
  "attachment; filename*=utf-8''%E2%82A%FF%F0%9F%98.bin",
  "attachment; filename*=utf-8''%F0%9F%98%80.txt",
  "attachment; filename*=utf-8''%ED%A0%80.txt",
  "attachment; filename*=latin1''x.txt; filename=latin1-fallback.txt",
  "attachment; filename*=utf-8''",
  "attachment; filename*=constructor''abc",
  "attachment; filename*=toString''abc",
  "attachment; filename*=hasOwnProperty''abc; filename=b.txt",
  "attachment; filename*=valueOf''abc",
  "attachment; filename*=__proto__''abc",
];

describe('contentInfo (compared with postman-collection, as Newman runs it)', () => {
  it('ports mime-format guess() exactly', () => {
    const mimeFormat = sdkRequire('mime-format') as { guess(mime: string): { type: string; format: string } };
    const types = [...Object.keys(mimeFormatDb), ...Object.keys(mimeDb), ...ODD_CONTENT_TYPES];
    for (const base of BASES) for (const sub of SUBTYPES) types.push(`${base}/${sub}`);
    const diff = types.filter((t) => {
      const { type, format } = mimeFormat.guess(t);
      return JSON.stringify(guessFormat(t)) !== JSON.stringify({ type, format });
    });
    expect(diff).toEqual([]);
  });

  it("answers for every entry of mime-format's db", () => {
    const cases = Object.keys(mimeFormatDb).flatMap((type) => [
      contentTypeCase(type),
      contentTypeCase(`${type.toUpperCase()}; charset=ISO-8859-1`),
    ]);
    expect(cases.length).toBeGreaterThan(800);
    expect(differences(cases)).toEqual([]);
  });

  it("answers for every type of mime-db (the extension postman-collection's mime-types gives)", () => {
    const types = Object.keys(mimeDb);
    expect(types.length).toBeGreaterThan(2000);
    expect(differences(types.map(contentTypeCase))).toEqual([]);
  });

  it('answers for parameters, odd spellings and unknown types', () => {
    const cases = ODD_CONTENT_TYPES.map(contentTypeCase);
    for (const base of BASES) for (const sub of SUBTYPES) cases.push(contentTypeCase(`${base}/${sub}`));
    expect(differences(cases)).toEqual([]);
  });

  it('sniffs the body with file-type when there is no Content-Type', () => {
    const cases = [
      ...SNIFFED_BODIES.map(([label, body]) => ({ label, header: [], body })),
      ...randomBodies(3000).map((body) => ({ label: body.toString('hex'), header: [], body })),
      {
        label: 'empty Content-Type',
        header: [{ key: 'Content-Type', value: '' }],
        body: SNIFFED_BODIES[5]![1],
      },
    ];
    expect(differences(cases)).toEqual([]);
    // the one body file-type 3.9.0 throws on: contentInfo() and text() throw in Newman too
    expect(compareContentInfo([], Buffer.from([0, 0, 1])).ours).toEqual({
      thrown: 'TypeError',
      message: "Cannot read properties of undefined (reading 'toString')",
    });
  });

  it('takes the file name from Content-Disposition, else response.<extension>', () => {
    const cases = DISPOSITIONS.flatMap((value) =>
      ['application/pdf', 'application/x-unknown-thing', ''].map((type) => ({
        label: `${type} | ${value}`,
        header: [
          ...(type ? [{ key: 'Content-Type', value: type }] : []),
          { key: 'Content-Disposition', value },
        ],
      })),
    );
    expect(differences(cases)).toEqual([]);
    // the SDK decodes filename* UTF-8 with Newman's Buffer polyfill: each invalid byte is a U+FFFD
    const invalid = compareContentInfo([
      { key: 'Content-Disposition', value: "attachment; filename*=utf-8''%E2%82A" },
    ]);
    expect(invalid.ours).toContainEqual(['fileName', '\ufffd\ufffdA']);
  });

  it('reads the charset text() decodes with like the SDK, without loading the library', () => {
    const cases: Array<[string, Array<{ key: string; value: string }>, Buffer]> = [
      [
        'latin1 by encoding=',
        [{ key: 'Content-Type', value: 'text/xml; encoding=latin1' }],
        Buffer.from([0xe9]),
      ],
      ['no Content-Type', [], Buffer.from('plain text')],
      ['no Content-Type, png', [], SNIFFED_BODIES[5]![1]],
      ['no Content-Type, 00 00 01', [], Buffer.from([0, 0, 1])],
    ];
    for (const [label, header, body] of cases) {
      const data = {
        ...textResponse(''),
        header,
        bodyBase64: body.toString('base64'),
        responseSize: body.length,
      };
      const view = (r: SdkResponse) => attempt(() => r.text());
      expect([label, view(new Response(data) as unknown as SdkResponse)]).toEqual([
        label,
        view(theirs(data)),
      ]);
    }
    // text() asks the library only for a Content-Type-less body of 3 bytes (file-type may throw)
    expect(quickCharset('application/json', 7)).toBe('utf8');
    expect(quickCharset('text/plain; charset=ISO-8859-1', 7)).toBe('iso-8859-1');
    expect(quickCharset('', 0)).toBe('utf8');
    expect(quickCharset(undefined, 7)).toBe('utf8');
    expect(quickCharset(undefined, 3)).toBeUndefined();
  });
});
