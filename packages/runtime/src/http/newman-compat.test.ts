/**
 * Differential test: the same collection is run by Newman and by this HTTP layer against one local
 * server, and what the server received is compared (method, target, headers, body).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BodyDefinition, HeaderDefinition, RequestDefinition, UrlDefinition } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgents } from './agents.ts';
import { buildHttpRequest } from './build.ts';
import { createCookieJar } from './cookies.ts';
import { sendHttpRequest } from './send.ts';
import { type ReceivedRequest, startHttpServer, type TestServer } from './testing.ts';
import type { ProtocolProfile } from './types.ts';
import { urlToString } from './url.ts';

const require = createRequire(import.meta.url);
const newman = require('newman') as {
  run(options: Record<string, unknown>, done: (error: Error | null) => void): void;
};

let server: TestServer;
let workingDir: string;

beforeAll(async () => {
  server = await startHttpServer();
  workingDir = await mkdtemp(path.join(tmpdir(), 'postern-newman-'));
  await writeFile(path.join(workingDir, 'a.txt'), 'hello');
  await writeFile(path.join(workingDir, 'data.json'), '{"j":1}');
});

afterAll(async () => {
  await server.close();
  await rm(workingDir, { recursive: true, force: true });
  await closeHttpAgents();
});

const variables = [
  { key: 'base', value: 'http://127.0.0.1:PORT/base path' },
  { key: 'qs', value: 'x=1&y=2 3' },
  { key: 'id', value: 'a b' },
];

/** Items in Postman v2.1 JSON; `PORT` is replaced by the server's port. */
const items = [
  {
    name: 'query encoding',
    request: { method: 'GET', url: 'http://127.0.0.1:PORT/q/a b/{x}|^?a=b c&d="x"&e={}|`^&f=%41%zz&&g#frag' },
  },
  {
    name: 'raw json with comments',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:PORT/raw',
      header: [
        { key: 'X-Custom', value: 'v' },
        { key: 'X-Off', value: 'no', disabled: true },
      ],
      body: {
        mode: 'raw',
        raw: '{\n "a": 1, // one\n "b": "//not" /* two */\n}',
        options: { raw: { language: 'json' } },
      },
    },
  },
  {
    name: 'urlencoded',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:PORT/form',
      body: {
        mode: 'urlencoded',
        urlencoded: [
          { key: 'a b', value: "c&d=e+f é!*()~'" },
          { key: 'z', value: '1' },
          { key: 'a b', value: '2' },
          { key: 'off', value: 'x', disabled: true },
        ],
      },
    },
  },
  {
    name: 'form-data',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:PORT/multipart',
      body: {
        mode: 'formdata',
        formdata: [
          { key: 'text', value: 'v é', type: 'text' },
          { key: 'typed', value: '{"x":1}', type: 'text', contentType: 'application/json' },
          { key: 'file', src: 'a.txt', type: 'file' },
          { key: 'json', src: 'data.json', type: 'file' },
          { key: 'gone', src: 'missing.txt', type: 'file' },
        ],
      },
    },
  },
  {
    name: 'file',
    request: {
      method: 'PUT',
      url: 'http://127.0.0.1:PORT/file',
      body: { mode: 'file', file: { src: 'data.json' } },
    },
  },
  {
    name: 'graphql',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:PORT/graphql',
      body: { mode: 'graphql', graphql: { query: 'query Q($v: Int) { a(v: $v) }', variables: '{"v": 1}' } },
    },
  },
  {
    name: 'pruned',
    request: { method: 'GET', url: 'http://127.0.0.1:PORT/pruned', body: { mode: 'raw', raw: 'dropped' } },
  },
  {
    name: 'delete body',
    request: { method: 'DELETE', url: 'http://127.0.0.1:PORT/del', body: { mode: 'raw', raw: 'kept' } },
  },
  { name: 'empty post', request: { method: 'POST', url: 'http://127.0.0.1:PORT/empty' } },
  {
    name: 'overrides and profile',
    protocolProfileBehavior: {
      disableBodyPruning: true,
      disabledSystemHeaders: { 'cache-control': true, 'accept-encoding': true, 'postman-token': true },
    },
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:PORT/profile',
      header: [{ key: 'accept', value: 'application/json' }],
      body: { mode: 'raw', raw: 'sent anyway' },
    },
  },
  {
    name: 'url parts with variables',
    request: {
      method: 'GET',
      url: {
        raw: '{{base}}/users/:id?{{qs}}&plain=1',
        host: ['{{base}}'],
        path: ['users', ':id'],
        query: [
          { key: '{{qs}}', value: null },
          { key: 'plain', value: '1' },
          { key: 'off', value: '1', disabled: true },
        ],
        variable: [{ key: 'id', value: '{{id}}' }],
      },
    },
  },
  {
    name: 'redirect',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:PORT/redirect?status=302&to=/after',
      header: [{ key: 'Authorization', value: 'secret' }],
      body: { mode: 'raw', raw: 'payload' },
    },
  },
  {
    name: 'set cookie',
    request: { method: 'GET', url: 'http://127.0.0.1:PORT/cookie?set=a%3D1%3B%20Path%3D%2F&set=b%3D2' },
  },
  {
    name: 'send cookies with the request’s own',
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:PORT/echo',
      header: [{ key: 'Cookie', value: 'mine=0' }],
    },
  },
  {
    name: '307 keeps the body, cookie set on the hop',
    request: {
      method: 'PATCH',
      url: 'http://127.0.0.1:PORT/redirect?status=307&to=/kept&cookie=c%3D3%3B%20Path%3D%2F',
      body: { mode: 'urlencoded', urlencoded: [{ key: 'k', value: 'v' }] },
    },
  },
  { name: 'custom method', request: { method: 'PURGE', url: 'http://127.0.0.1:PORT/purge' } },
];

function collectionJson(port: number) {
  const json = JSON.stringify({
    info: { name: 'compat', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: variables,
    item: items,
  });
  return JSON.parse(json.replaceAll('PORT', String(port)));
}

function runNewman(collection: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, workingDir, reporters: [] }, (error) => (error ? reject(error) : resolve()));
  });
}

interface ItemJson {
  request: {
    method: string;
    url: string | UrlDefinition;
    header?: HeaderDefinition[];
    body?: BodyDefinition;
  };
  protocolProfileBehavior?: ProtocolProfile;
}

/**
 * Resolves variables as postman-runtime does: the URL is turned into a string from its parts,
 * variables are substituted in that string, and the result is parsed again (here: passed as `raw`).
 */
function resolve(item: ItemJson, values: Map<string, string>): RequestDefinition {
  const substitute = (text: string) =>
    text.replace(/{{([^{}]+)}}/g, (all, name: string) => values.get(name) ?? all);
  const { url, header, method, body } = item.request;
  const urlString = typeof url === 'string' ? url : urlToString(url);
  return { method, header: header ?? [], ...(body ? { body } : {}), url: { raw: substitute(urlString) } };
}

async function runPostern(json: {
  variable: Array<{ key: string; value: string }>;
  item: ItemJson[];
}): Promise<void> {
  const values = new Map(json.variable.map((v) => [v.key, v.value]));
  const cookieJar = createCookieJar();
  for (const node of json.item) {
    const profile = node.protocolProfileBehavior ?? {};
    const request = await buildHttpRequest(resolve(node, values), {
      workingDir,
      profile,
      userAgent: 'PostmanRuntime/7.39.1',
    });
    await sendHttpRequest(request, { tls: { rejectUnauthorized: true }, profile, cookieJar });
  }
}

/** Removes what legitimately differs between runs (random token and boundary) and undici's framing headers. */
function comparable(request: ReceivedRequest) {
  let boundary: string | undefined;
  const headers: string[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'postman-token') continue;
    // undici writes host, connection and content-length itself (lower-case, host first and
    // content-length last); they are compared apart from the ordered list.
    if (lower === 'host' || lower === 'connection' || lower === 'content-length') continue;
    const match = /boundary=(.+)$/.exec(value);
    if (lower === 'content-type' && match) boundary = match[1];
    headers.push(`${name}: ${boundary ? value.replace(boundary, 'BOUNDARY') : value}`);
  }
  const framing = (wanted: string) => request.headers.find(([name]) => name.toLowerCase() === wanted)?.[1];
  const host = framing('host');
  const contentLength = framing('content-length');
  let body = request.body.toString('latin1');
  if (boundary) body = body.replaceAll(boundary, 'BOUNDARY');
  return { method: request.method, url: request.url, host, contentLength, headers, body };
}

describe('requests match what Newman sends', () => {
  let fromNewman: ReturnType<typeof comparable>[] = [];
  let fromPostern: ReturnType<typeof comparable>[] = [];

  beforeAll(async () => {
    const json = collectionJson(server.port);
    await runNewman(json);
    fromNewman = server.received.splice(0).map(comparable);
    await runPostern(json);
    fromPostern = server.received.splice(0).map(comparable);
  }, 60_000);

  it('sends the same number of requests', () => {
    expect(fromPostern.map((r) => `${r.method} ${r.url}`)).toEqual(
      fromNewman.map((r) => `${r.method} ${r.url}`),
    );
  });

  for (let index = 0; index < items.length + 2; index++) {
    it(`request #${index} is the same`, () => {
      expect(fromPostern[index]).toEqual(fromNewman[index]);
    });
  }
});
