import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Request } from './request.ts';
import { makeInput, runScript } from './test-harness.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as { Request: new (r: unknown) => unknown };

const DEFINITION = {
  url: {
    raw: 'https://a.com/x?y=1',
    protocol: 'https',
    host: ['a', 'com'],
    path: ['x'],
    query: [{ key: 'y', value: '1' }],
  },
  method: 'post',
  header: [
    { key: 'Accept', value: 'text/plain' },
    { key: 'X-Multi', value: 'one' },
    { key: 'x-multi', value: 'two' },
    { key: 'Off', value: 'no', disabled: true },
  ],
  body: {
    mode: 'urlencoded',
    urlencoded: [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
      { key: 'b', value: 'x&y' },
    ],
  },
  auth: { type: 'bearer', bearer: [{ key: 'token', value: 'secret', type: 'string' }] },
};

type Req = Request;

function observe(r: Req): unknown {
  return {
    method: r.method,
    url: r.url.toString(),
    headers: r.headers.toObject(),
    headersExact: r.getHeaders(),
    headersEnabled: r.getHeaders({ enabled: true, ignoreCase: true, multiValue: true }),
    headerList: r.headers.all().map((h) => [h.key, h.value, h.disabled]),
    has: [r.headers.has('accept'), r.headers.has('x-multi', 'one'), r.headers.has('nope')],
    one: r.headers.one('X-MULTI')?.value,
    count: r.headers.count(),
    body: r.body?.toString(),
    bodyEmpty: r.body?.isEmpty(),
    size: r.size(),
    authType: r.auth?.type,
    authParams: r.auth?.parameters()?.toObject(),
  };
}

describe('Request (compared with postman-collection)', () => {
  it('reads and edits headers, body, query and auth like Postman', () => {
    const ours = new Request(structuredClone(DEFINITION));
    const theirs = new sdk.Request(structuredClone(DEFINITION)) as Req;
    expect(observe(ours)).toEqual(observe(theirs));
    for (const r of [ours, theirs]) {
      r.headers.add({ key: 'X-Added', value: '1' });
      r.headers.upsert({ key: 'accept', value: 'application/json' });
      r.upsertHeader({ key: 'X-Upserted', value: 'u' });
      r.addHeader('X-Line: from string');
      r.headers.add('v', 'X-Created');
      r.removeHeader('x-multi', { ignoreCase: true });
      r.headers.remove('off');
      r.addQueryParams([{ key: 'z', value: '9' }]);
      r.url.query.remove('y');
      r.method = 'PUT';
      r.authorizeUsing('basic', { username: 'u', password: 'p' });
      r.body?.update({ mode: 'raw', raw: '{"k":1}' });
    }
    expect(observe(ours)).toEqual(observe(theirs));
    ours.authorizeUsing(null);
    (theirs as Req).authorizeUsing(null);
    expect(observe(ours)).toEqual(observe(theirs));
  });

  it('accepts headers given as an object, as pm.sendRequest scripts often do', () => {
    const options = {
      url: 'https://a.com',
      method: 'POST',
      header: { 'Content-Type': 'application/json', 'X-A': '1' },
    };
    expect(observe(new Request(options))).toEqual(observe(new sdk.Request(options) as Req));
  });
});

describe('pm.request', () => {
  it('writes prerequest changes back as a RequestDefinition', async () => {
    const input = makeInput({
      listen: 'prerequest',
      response: undefined,
      request: { ...structuredClone(DEFINITION), method: 'POST', description: 'kept', proxy: { host: 'p' } },
    });
    const { output } = await runScript(
      `
      pm.request.headers.upsert({ key: 'Authorization', value: 'Bearer ' + pm.variables.replaceIn('{{token}}') });
      pm.request.url.query.add({ key: 'page', value: '2' });
      pm.request.url.host = ['b', 'com'];
      pm.request.body.update({ mode: 'raw', raw: JSON.stringify({ a: 1 }), options: { raw: { language: 'json' } } });
      pm.request.auth.update({ token: 'new' });
    `,
      { ...input, scopes: { ...input.scopes, environment: [{ key: 'token', value: 't0k' }] } },
    );
    expect(output.request).toEqual({
      description: 'kept',
      proxy: { host: 'p' },
      url: {
        raw: 'https://b.com/x?y=1&page=2',
        protocol: 'https',
        host: ['b', 'com'],
        path: ['x'],
        query: [
          { key: 'y', value: '1' },
          { key: 'page', value: '2' },
        ],
      },
      method: 'POST',
      header: [
        { key: 'Accept', value: 'text/plain' },
        { key: 'X-Multi', value: 'one' },
        { key: 'x-multi', value: 'two' },
        { key: 'Off', value: 'no', disabled: true },
        { key: 'Authorization', value: 'Bearer t0k' },
      ],
      body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 'new', type: 'string' }] },
    });
  });

  it('accepts plain values assigned to its parts', async () => {
    const { output } = await runScript(
      `pm.request.url = 'https://other.example.com/v2?q=1';
       pm.request.body = { mode: 'raw', raw: 'text' };
       pm.request.method = 'patch';`,
      makeInput({ listen: 'prerequest' }),
    );
    expect(output.request.url.raw).toBe('https://other.example.com/v2?q=1');
    expect(output.request.url.host).toEqual(['other', 'example', 'com']);
    expect(output.request.body).toEqual({ mode: 'raw', raw: 'text' });
    expect(output.request.method).toBe('PATCH');
  });

  it('offers the legacy request object', async () => {
    const { output } = await runScript(
      `pm.test('legacy', () => {
        pm.expect(request.method).to.equal('POST');
        pm.expect(request.url).to.equal('https://a.com/x?y=1');
        pm.expect(request.headers).to.deep.equal({ accept: 'text/plain', 'x-multi': ['one', 'two'] });
        pm.expect(request.data).to.deep.equal({ a: ['1', '2'], b: 'x&y' });
        pm.expect(request.name).to.equal('Get thing');
        pm.expect(request.id).to.equal('item-1');
      });`,
      makeInput({ request: structuredClone(DEFINITION) as never }),
    );
    expect(output.assertions[0]?.error).toBeUndefined();
  });

  it("shows the request's description as Postman's Description (legacy request.description: its text)", async () => {
    const { output } = await runScript(
      `pm.test('description', () => {
        pm.expect(request.description).to.equal('testDesc');
        pm.expect(String(pm.request.description)).to.equal('testDesc');
        pm.expect(pm.request.description.type).to.equal('text/plain');
        pm.request.description.content = 'changed';
      });`,
      makeInput({ request: { ...structuredClone(DEFINITION), description: 'testDesc' } as never }),
    );
    expect(output.assertions[0]?.error).toBeUndefined();
    expect(output.request.description).toEqual({ content: 'changed', type: 'text/plain' });
    const postman = new sdk.Request({ url: 'https://a.com', description: 'testDesc' }) as {
      toJSON(): { description: unknown };
    };
    expect(postman.toJSON().description).toEqual({ content: 'testDesc', type: 'text/plain' });
    expect(new Request({ url: 'https://a.com' }).description).toBeUndefined();
  });
});
