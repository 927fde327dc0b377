import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BodyDefinition, RequestDefinition } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpRequest } from './build.ts';
import type { HttpRequest, ProtocolProfile } from './types.ts';

let workingDir: string;

beforeAll(async () => {
  workingDir = await mkdtemp(path.join(tmpdir(), 'postern-http-'));
  await writeFile(path.join(workingDir, 'a.txt'), 'hello');
  await writeFile(path.join(workingDir, 'b.json'), '{"j":1}');
  await writeFile(path.join(workingDir, 'blob.bin'), Buffer.from([0, 1, 2, 255]));
});

afterAll(async () => {
  await rm(workingDir, { recursive: true, force: true });
});

async function build(
  extra: Partial<RequestDefinition> = {},
  profile: ProtocolProfile = {},
  warnings: string[] = [],
): Promise<HttpRequest> {
  return buildHttpRequest(
    { url: { raw: 'http://api.test:8080/p' }, method: 'POST', header: [], ...extra },
    { workingDir, profile, userAgent: 'Postern/test', warn: (message) => warnings.push(message) },
  );
}

const keys = (request: HttpRequest) => request.headers.map((header) => header.key);
const header = (request: HttpRequest, name: string) =>
  request.headers.find((h) => h.key.toLowerCase() === name.toLowerCase())?.value;

describe('system headers', () => {
  it('come after the request headers, in postman-runtime’s order', async () => {
    const request = await build({
      header: [
        { key: 'X-One', value: '1' },
        { key: 'X-Off', value: 'x', disabled: true },
        { key: '', value: 'nameless' },
      ],
    });
    expect(keys(request)).toEqual([
      'X-One',
      'User-Agent',
      'Accept',
      'Cache-Control',
      'Postman-Token',
      'Host',
      'Accept-Encoding',
      'Connection',
    ]);
    expect(header(request, 'host')).toBe('api.test:8080');
    expect(header(request, 'user-agent')).toBe('Postern/test');
  });

  it('are not added when the request sets them (any case) or they are disabled', async () => {
    const request = await build(
      {
        header: [
          { key: 'accept', value: 'application/json' },
          { key: 'USER-AGENT', value: 'mine' },
        ],
      },
      { disabledSystemHeaders: { 'cache-control': true, 'postman-token': true, 'accept-encoding': true } },
    );
    expect(keys(request)).toEqual(['accept', 'USER-AGENT', 'Host', 'Connection']);
  });

  it('each request gets a fresh Postman-Token', async () => {
    expect(header(await build(), 'postman-token')).not.toBe(header(await build(), 'postman-token'));
  });
});

describe('raw bodies', () => {
  const raw = (text: string, language?: string): BodyDefinition => ({
    mode: 'raw',
    raw: text,
    ...(language ? { options: { raw: { language } } } : {}),
  });

  it('adds Content-Type from the language before the system headers', async () => {
    const request = await build({ body: raw('{"a":1}', 'json') });
    expect(keys(request).slice(0, 2)).toEqual(['Content-Type', 'User-Agent']);
    expect(header(request, 'content-type')).toBe('application/json');
    expect(request.body?.data.toString()).toBe('{"a":1}');
  });

  for (const [language, type] of [
    ['xml', 'application/xml'],
    ['html', 'text/html'],
    ['javascript', 'application/javascript'],
    ['text', 'text/plain'],
    ['unknown', 'text/plain'],
    [undefined, 'text/plain'],
  ] as const) {
    it(`maps language ${language} to ${type}`, async () => {
      expect(header(await build({ body: raw('x', language) }), 'content-type')).toBe(type);
    });
  }

  it('keeps a Content-Type the request sets', async () => {
    const request = await build({
      header: [{ key: 'content-type', value: 'text/csv' }],
      body: raw('a,b', 'json'),
    });
    expect(request.headers.filter((h) => h.key.toLowerCase() === 'content-type')).toEqual([
      { key: 'content-type', value: 'text/csv' },
    ]);
  });

  it('strips comments from JSON bodies (by language or JSON Content-Type)', async () => {
    const text = '{\n  // note\n  "a": "http://x", /* c */ "b": 2\n}';
    expect((await build({ body: raw(text, 'json') })).body?.data.toString()).toBe(
      '{\n  \n  "a": "http://x",  "b": 2\n}',
    );
    const byHeader = await build({
      header: [{ key: 'Content-Type', value: 'application/vnd.api+json' }],
      body: raw(text),
    });
    expect(byHeader.body?.data.toString()).not.toContain('note');
    expect((await build({ body: raw(text, 'text') })).body?.data.toString()).toBe(text);
  });

  it('is pruned for GET, HEAD, COPY, PURGE and UNLOCK unless disableBodyPruning', async () => {
    for (const method of ['GET', 'HEAD', 'COPY', 'PURGE', 'UNLOCK']) {
      const request = await build({ method, body: raw('x') });
      expect(request.body).toBeUndefined();
      expect(header(request, 'content-type')).toBeUndefined();
    }
    expect(
      (await build({ method: 'GET', body: raw('x') }, { disableBodyPruning: true })).body?.data.toString(),
    ).toBe('x');
    expect((await build({ method: 'DELETE', body: raw('x') })).body?.data.toString()).toBe('x');
  });

  it('is not sent when disabled or empty', async () => {
    expect((await build({ body: { ...raw('x'), disabled: true } })).body).toBeUndefined();
    expect((await build({ body: raw('') })).body).toBeUndefined();
  });

  it('leaves Content-Type out when disabledSystemHeaders says so', async () => {
    const request = await build(
      { body: raw('x', 'json') },
      { disabledSystemHeaders: { 'content-type': true } },
    );
    expect(header(request, 'content-type')).toBeUndefined();
  });
});

describe('urlencoded bodies', () => {
  it('encodes like postman-request, grouping repeated keys and dropping disabled ones', async () => {
    const request = await build({
      body: {
        mode: 'urlencoded',
        urlencoded: [
          { key: 'a b', value: "c&d=e+f é!*()~'" },
          { key: 'x', value: 'y', disabled: true },
          { key: 'z', value: '1' },
          { key: 'a b', value: '2' },
          { key: 'empty' },
        ],
      },
    });
    expect(request.body?.data.toString()).toBe(
      'a%20b=c%26d%3De%2Bf%20%C3%A9%21%2A%28%29~%27&a%20b=2&z=1&empty=',
    );
    expect(request.body?.mode === 'urlencoded' && request.body.fields).toEqual([
      { key: 'a b', value: "c&d=e+f é!*()~'" },
      { key: 'z', value: '1' },
      { key: 'a b', value: '2' },
      { key: 'empty', value: '' },
    ]);
  });

  it('sends nothing when every field is disabled', async () => {
    expect(
      (await build({ body: { mode: 'urlencoded', urlencoded: [{ key: 'a', disabled: true }] } })).body,
    ).toBeUndefined();
  });
});

describe('form-data bodies', () => {
  it('encodes text and file parts like form-data', async () => {
    const warnings: string[] = [];
    const request = await build(
      {
        body: {
          mode: 'formdata',
          formdata: [
            { key: 't', value: 'v é', type: 'text' },
            { key: 'j', value: '{"x":1}', type: 'text', contentType: 'application/json' },
            { key: 'off', value: 'x', type: 'text', disabled: true },
            { key: 'f', src: 'a.txt', type: 'file' },
            { key: 'many', src: ['a.txt', 'b.json', 'missing.txt'], type: 'file' },
            { key: 'ct', src: 'blob.bin', type: 'file', contentType: 'x/y' },
            { key: 'gone', src: 'nope.txt', type: 'file' },
            { key: 'nosrc', type: 'file' },
            { key: 'inline', value: 'aGk=', type: 'file' },
          ],
        },
      },
      {},
      warnings,
    );
    const body = request.body;
    if (body?.mode !== 'formdata') throw new Error('expected form-data');
    expect(body.boundary).toMatch(/^-{26}\d{24}$/);
    const b = `--${body.boundary}`;
    expect(body.data.toString('latin1')).toBe(
      [
        `${b}\r\nContent-Disposition: form-data; name="t"\r\n\r\nv Ã©\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="j"\r\nContent-Type: application/json\r\n\r\n{"x":1}\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="many"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="many"; filename="b.json"\r\nContent-Type: application/json\r\n\r\n{"j":1}\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="ct"; filename="blob.bin"\r\nContent-Type: x/y\r\n\r\n\u0000\u0001\u0002\u00ff\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="nosrc"; filename=""\r\n\r\n\r\n`,
        `${b}\r\nContent-Disposition: form-data; name="inline"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n`,
        `${b}--\r\n`,
      ].join(''),
    );
    expect(warnings).toEqual([
      'Form param `many`, file load error: "missing.txt", no such file',
      'Form param `gone`, file load error: "nope.txt", no such file',
      'Form param `nosrc`, file load error: missing file source',
    ]);
  });

  it('uses the boundary of a multipart Content-Type the request sets', async () => {
    const request = await build({
      header: [{ key: 'Content-Type', value: 'multipart/form-data; boundary=XyZ' }],
      body: { mode: 'formdata', formdata: [{ key: 'a', value: '1' }] },
    });
    expect(request.body?.mode === 'formdata' && request.body.boundary).toBe('XyZ');
    expect(request.body?.data.toString()).toContain('--XyZ--');
  });

  it('refuses files outside the working directory only when insecure reads are off', async () => {
    const warnings: string[] = [];
    const request = await buildHttpRequest(
      {
        url: { raw: 'http://h/' },
        method: 'POST',
        header: [],
        body: { mode: 'file', file: { src: '../outside.txt' } },
      },
      { workingDir, profile: {}, userAgent: 'x', insecureFileRead: false, warn: (m) => warnings.push(m) },
    );
    expect(request.body).toBeUndefined();
    expect(warnings).toEqual([
      'Binary file load error: PPERM: insecure file access outside working directory',
    ]);
  });
});

describe('file bodies', () => {
  it('reads the file relative to the working directory, typed by its name', async () => {
    const request = await build({ body: { mode: 'file', file: { src: 'b.json' } } });
    expect(request.body).toMatchObject({
      mode: 'file',
      contentType: 'application/json',
      description: '[file: b.json]',
    });
    expect(request.body?.data.toString()).toBe('{"j":1}');
  });

  it('warns and sends no body for a missing file', async () => {
    const warnings: string[] = [];
    expect(
      (await build({ body: { mode: 'file', file: { src: 'none.bin' } } }, {}, warnings)).body,
    ).toBeUndefined();
    expect(warnings).toEqual(['Binary file load error: "none.bin", no such file']);
  });

  it('decodes inline base64 content', async () => {
    expect((await build({ body: { mode: 'file', file: { content: 'aGk=' } } })).body?.data.toString()).toBe(
      'hi',
    );
  });
});

describe('graphql bodies', () => {
  it('sends string variables as written, after query', async () => {
    const request = await build({
      body: { mode: 'graphql', graphql: { query: '{ a }', variables: '{"v": 1}' } },
    });
    expect(request.body?.data.toString()).toBe('{"query":"{ a }","variables":{"v": 1}}');
    expect(header(request, 'content-type')).toBe('application/json');
  });

  it('serialises object variables with the operation name', async () => {
    const request = await build({
      body: { mode: 'graphql', graphql: { query: 'query Q { a }', operationName: 'Q', variables: { v: 1 } } },
    });
    expect(JSON.parse(request.body?.data.toString() ?? '')).toEqual({
      query: 'query Q { a }',
      operationName: 'Q',
      variables: { v: 1 },
    });
  });

  it('leaves out empty string variables', async () => {
    const request = await build({ body: { mode: 'graphql', graphql: { query: 'q', variables: '' } } });
    expect(request.body?.data.toString()).toBe('{"query":"q"}');
  });
});

describe('URL', () => {
  it('builds the encoded URL and the Host header from parts', async () => {
    const request = await build({
      method: 'get',
      url: { raw: 'ignored', host: ['API', 'test'], path: ['a b'], query: [{ key: 'q', value: 'x y' }] },
    });
    expect(request.method).toBe('GET');
    expect(request.url).toBe('http://api.test/a%20b?q=x%20y');
    expect(header(request, 'host')).toBe('api.test');
  });
});
