/**
 * Differential checks against postman-runtime itself: every case goes through Newman to a local
 * server, and the same request through our signer; what reaches the wire must be identical
 * (headers the auth sets, URL, body). Nonces and timestamps are fixed through the auth params.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderEntry, HttpRequest } from '../http/types.ts';
import { getAuthSigner } from './registry.ts';
import { encodeForm } from './request-parts.ts';
import { splitUrl } from './request-url.ts';
import {
  authParams,
  type CapturedRequest,
  type CaptureServer,
  fixedContext,
  headerValue,
  makeRequest,
  runNewman,
  startCaptureServer,
} from './testing.ts';

const RSA_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

interface Case {
  name: string;
  type: string;
  params: Record<string, unknown>;
  method?: string;
  /** Appended to `/<name>`, already encoded the way Postman sends it. */
  query?: string;
  /** The query as written in the collection, when it differs from the encoded one. */
  postmanQuery?: string;
  headers?: HeaderEntry[];
  raw?: string;
  form?: HeaderEntry[];
  /** Which headers to compare (Authorization always); `url` and `body` compare those. */
  compare?: Array<string>;
}

const OAUTH1 = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  timestamp: '1700000000',
  nonce: 'abcDEF123',
  version: '1.0',
};

const CASES: Case[] = [
  { name: 'basic', type: 'basic', params: { username: 'Aladdin', password: 'öpen sesame' } },
  {
    name: 'bearer',
    type: 'bearer',
    params: { token: 'tok.en' },
    headers: [{ key: 'authorization', value: 'old' }],
  },
  {
    name: 'apikey-header',
    type: 'apikey',
    params: { key: 'X-API-Key', value: 'v1', in: 'header' },
    headers: [
      { key: 'x_api_key', value: 'old' },
      { key: 'X-Other', value: 'kept' },
    ],
    compare: ['x_api_key', 'x-api-key', 'x-other'],
  },
  {
    name: 'apikey-query',
    type: 'apikey',
    params: { key: 'api key', value: 'a&b c!', in: 'query' },
    query: '?x=1&api%20key=old',
    postmanQuery: '?x=1&api key=old',
    compare: ['url'],
  },
  { name: 'oauth2-header', type: 'oauth2', params: { accessToken: 't', headerPrefix: ' Token ' } },
  {
    name: 'oauth2-query',
    type: 'oauth2',
    params: { accessToken: 't/+=', addTokenTo: 'queryParams' },
    query: '?access_token=old&x=1',
    compare: ['url'],
  },
  {
    name: 'oauth1-header',
    type: 'oauth1',
    params: { ...OAUTH1, signatureMethod: 'HMAC-SHA256', realm: 'Photos R', addParamsToHeader: true },
    query: '?q=a+b!&r=%2A&empty=&flag',
    compare: ['url'],
  },
  {
    name: 'oauth1-body',
    type: 'oauth1',
    method: 'POST',
    params: { ...OAUTH1, signatureMethod: 'HMAC-SHA1', callback: 'http://cb.example/x?y=1', verifier: 'ver' },
    form: [
      { key: 'a', value: 'x y' },
      { key: 'b', value: "it's (1)" },
      { key: 'a', value: '2' },
    ],
    compare: ['url', 'body'],
  },
  {
    name: 'oauth1-query',
    type: 'oauth1',
    params: { ...OAUTH1, token: '', signatureMethod: 'HMAC-SHA512', addEmptyParamsToSign: true },
    query: '?z=9&oauth_nonce=stale',
    compare: ['url'],
  },
  {
    name: 'oauth1-bodyhash',
    type: 'oauth1',
    method: 'POST',
    params: { ...OAUTH1, signatureMethod: 'HMAC-SHA1', includeBodyHash: true, addParamsToHeader: true },
    raw: 'hello body',
  },
  {
    name: 'oauth1-rsa',
    type: 'oauth1',
    params: { ...OAUTH1, signatureMethod: 'RSA-SHA256', privateKey: RSA_PEM, addParamsToHeader: true },
  },
  {
    name: 'oauth1-plaintext',
    type: 'oauth1',
    params: {
      ...OAUTH1,
      consumerSecret: 'c s&',
      signatureMethod: 'PLAINTEXT',
      addParamsToHeader: true,
      disableHeaderEncoding: true,
    },
  },
  {
    name: 'hawk-payload',
    type: 'hawk',
    method: 'POST',
    params: {
      authId: 'dh37fgj492je',
      authKey: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn',
      algorithm: 'sha256',
      nonce: 'j4h3g2',
      timestamp: '1353832234',
      extraData: 'ext "x"',
      app: 'app',
      delegation: 'dlg',
      includePayloadHash: true,
    },
    headers: [{ key: 'Content-Type', value: 'text/plain; charset=utf-8' }],
    raw: 'Thank you for flying Hawk',
  },
  {
    name: 'hawk-sha1',
    type: 'hawk',
    params: { authId: 'id', authKey: 'key', algorithm: 'sha1', nonce: 'n', timestamp: '1' },
    query: '?b=1&a=2',
  },
  {
    name: 'awsv4-header',
    type: 'awsv4',
    method: 'POST',
    params: {
      accessKey: 'AKID',
      secretKey: 'SECRET',
      region: 'eu-west-1',
      service: 'execute-api',
      sessionToken: 'TOKEN',
    },
    headers: [
      { key: 'Content-Type', value: 'application/json' },
      { key: 'Date', value: 'Sun, 30 Aug 2015 12:36:00 GMT' },
      { key: 'X-Custom', value: ' a   b ' },
    ],
    query: '?b=2&a=1',
    raw: '{"a":1}',
    compare: ['x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'host'],
  },
  {
    name: 'awsv4-presign',
    type: 'awsv4',
    params: { accessKey: 'AKID', secretKey: 'SECRET', service: 's3', addAuthDataToQuery: true },
    headers: [{ key: 'Date', value: 'Sun, 30 Aug 2015 12:36:00 GMT' }],
    query: '?x=1&X-Amz-Expires=300&X-Amz-Signature=stale',
    compare: ['url', 'host'],
  },
  {
    name: 'edgegrid',
    type: 'edgegrid',
    method: 'POST',
    params: {
      accessToken: 'akab-access',
      clientToken: 'akab-client',
      clientSecret: 'secret=',
      nonce: 'nonce-1',
      timestamp: '20140321T19:34:21+0000',
      headersToSign: 'X-Test1, x-test2',
      maxBodySize: 4,
      baseURL: 'https://base.example.net/x',
    },
    headers: [{ key: 'X-Test1', value: ' a   b ' }],
    raw: 'datadatadata',
  },
  {
    name: 'jwt-hs256',
    type: 'jwt',
    params: {
      algorithm: 'HS256',
      secret: 's3cret',
      payload: '{"sub":"1","n":1}',
      header: '{"typ":"JWT","kid":"k"}',
    },
  },
  {
    name: 'jwt-base64',
    type: 'jwt',
    params: {
      algorithm: 'HS512',
      secret: 'c2VjcmV0',
      isSecretBase64Encoded: true,
      payload: '{}',
      headerPrefix: 'JWT',
    },
  },
  {
    name: 'jwt-rs256-query',
    type: 'jwt',
    params: {
      algorithm: 'RS256',
      privateKey: RSA_PEM,
      payload: '{"a":1}',
      addTokenTo: 'queryParam',
      queryParamKey: 'jwt',
    },
    query: '?jwt=old&x=1',
    compare: ['url'],
  },
  {
    name: 'asap',
    type: 'asap',
    params: {
      kid: 'svc/key1',
      iss: 'svc',
      aud: 'api',
      privateKey: RSA_PEM,
      claims: '{"jti":"fixed-jti","iat":1700000000,"exp":1700003600,"scope":["a"]}',
    },
  },
];

function pathOf(c: Case, asWritten = false): string {
  return `/${c.name}${(asWritten ? c.postmanQuery : undefined) ?? c.query ?? ''}`;
}

function postmanRequest(origin: string, c: Case) {
  let body: unknown;
  if (c.raw !== undefined) body = { mode: 'raw', raw: c.raw };
  if (c.form) body = { mode: 'urlencoded', urlencoded: c.form };
  return {
    method: c.method ?? 'GET',
    url: origin + pathOf(c, true),
    header: c.headers ?? [],
    body,
    auth: { type: c.type, [c.type]: authParams(c.params) },
  };
}

function ourRequest(origin: string, c: Case): HttpRequest {
  let body: HttpRequest['body'];
  if (c.raw !== undefined) body = { mode: 'raw', data: Buffer.from(c.raw) };
  if (c.form)
    body = {
      mode: 'urlencoded',
      fields: c.form.map((f) => ({ ...f })),
      data: Buffer.from(encodeForm(c.form)),
    };
  return makeRequest(c.method ?? 'GET', origin + pathOf(c), c.headers ?? [], body);
}

describe('signers compared with Newman 6.2 on the wire', () => {
  let server: CaptureServer;
  const fromNewman = new Map<string, CapturedRequest>();

  beforeAll(async () => {
    server = await startCaptureServer();
    await runNewman(CASES.map((c) => ({ name: c.name, request: postmanRequest(server.origin, c) })));
    for (const captured of server.captured) fromNewman.set(captured.url.split(/[/?]/)[1] ?? '', captured);
  }, 60_000);

  afterAll(async () => {
    await server.close();
  });

  for (const c of CASES) {
    it(`${c.type}: ${c.name}`, async () => {
      const theirs = fromNewman.get(c.name);
      expect(theirs, 'Newman sent the request').toBeDefined();
      if (!theirs) return;
      const ours = ourRequest(server.origin, c);
      const signer = await getAuthSigner(c.type);
      await signer?.sign({ ...c.params }, ours, fixedContext());
      expect(headerValue(ours.headers, 'authorization')).toBe(headerValue(theirs.headers, 'authorization'));
      for (const what of c.compare ?? []) {
        if (what === 'url') {
          const url = splitUrl(ours.url);
          expect(url.pathname + url.search).toBe(theirs.url);
        } else if (what === 'body') {
          expect(ours.body?.data.toString()).toBe(theirs.body.toString());
        } else {
          expect(headerValue(ours.headers, what), what).toBe(headerValue(theirs.headers, what));
        }
      }
    });
  }
});
