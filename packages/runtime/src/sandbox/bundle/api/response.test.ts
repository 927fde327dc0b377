import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { reasonPhrase } from './http-reasons.ts';
import { Response } from './response.ts';
import { fakeBridge, makeInput, runScript, textResponse } from './test-harness.ts';
import type { ScriptResponseData } from './types.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as { Response: new (o: unknown) => SdkResponse };
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
