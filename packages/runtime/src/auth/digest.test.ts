import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestHeader, digestSigner } from './digest.ts';
import {
  authParams,
  type CapturedRequest,
  type CaptureServer,
  fixedContext,
  headerValue,
  makeRequest,
  rawBody,
  runExchange,
  runNewman,
  startCaptureServer,
} from './testing.ts';
import type { AuthParams } from './types.ts';

const responseOf = (header: string) => /response="([^"]*)"/.exec(header)?.[1];

describe('digestHeader known answers', () => {
  it('matches the RFC 7616 §3.9.1 SHA-256 example', () => {
    const header = digestHeader({
      algorithm: 'SHA-256',
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nonceCount: '00000001',
      clientNonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      qop: 'auth',
    });
    expect(responseOf(header)).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(header).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
        'uri="/dir/index.html", algorithm="SHA-256", qop=auth, nc=00000001, ' +
        'cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ' +
        'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", ' +
        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
  });

  it('matches the RFC 7616 §3.9.1 MD5 example', () => {
    const header = digestHeader({
      algorithm: 'MD5',
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nonceCount: '00000001',
      clientNonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      qop: 'auth',
    });
    expect(responseOf(header)).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('matches the RFC 2617 §3.5 example', () => {
    const header = digestHeader({
      algorithm: 'MD5',
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      nonceCount: '00000001',
      clientNonce: '0a4f113b',
      qop: 'auth',
    });
    expect(responseOf(header)).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('leaves qop, nc and cnonce out without qop, and signs the body for auth-int', () => {
    const base = {
      algorithm: 'MD5',
      username: 'u',
      realm: 'r',
      password: 'p',
      method: 'POST',
      uri: '/x',
      nonce: 'n',
      nonceCount: '00000001',
      clientNonce: 'c',
    };
    expect(digestHeader(base)).not.toMatch(/qop=|nc=|cnonce=/);
    const intA = digestHeader({ ...base, qop: 'auth-int', bodyHash: 'a' });
    const intB = digestHeader({ ...base, qop: 'auth-int', bodyHash: 'b' });
    expect(intA).toMatch(/qop=auth-int, nc=00000001, cnonce="c"/);
    expect(responseOf(intA)).not.toBe(responseOf(intB));
  });

  it('rejects an unknown algorithm', () => {
    const request = makeRequest('GET', 'http://h/');
    expect(() =>
      digestSigner.sign(
        { username: 'u', realm: 'r', nonce: 'n', algorithm: 'SHA-1' },
        request,
        fixedContext(),
      ),
    ).toThrow('Unsupported digest algorithm: SHA-1');
  });
});

describe('digestSigner', () => {
  it('sends the first request unsigned when realm or nonce is missing', () => {
    const request = makeRequest('GET', 'http://h/', [{ key: 'authorization', value: 'keep' }]);
    digestSigner.sign({ username: 'u', password: 'p' }, request, fixedContext());
    expect(request.headers).toEqual([{ key: 'authorization', value: 'keep' }]);
  });

  it('fills realm/nonce/opaque/qop from a 401 challenge once, then stops', () => {
    const params: AuthParams = { username: 'u', password: 'p' };
    const request = makeRequest('GET', 'http://h/');
    const challenge = {
      code: 401,
      status: 'Unauthorized',
      headers: [{ key: 'WWW-Authenticate', value: 'Digest realm="r", qop="auth", nonce="abc", opaque="op"' }],
      body: Buffer.alloc(0),
      responseTime: 0,
      responseSize: 0,
    };
    expect(digestSigner.afterResponse?.(params, request, challenge, fixedContext())).toBe(true);
    expect(params).toMatchObject({
      realm: 'r',
      nonce: 'abc',
      opaque: 'op',
      qop: 'auth',
      nonceCount: '00000001',
    });
    expect(params.clientNonce).toMatch(/^[A-Za-z0-9]{8}$/);
    // A second 401 with nothing new: no endless replays.
    expect(digestSigner.afterResponse?.(params, request, challenge, fixedContext())).toBe(false);
  });

  it('keeps user-given values and counts nonces up after a success', () => {
    const params: AuthParams = { username: 'u', realm: 'mine', nonceCount: '' };
    const ok = {
      code: 200,
      status: 'OK',
      headers: [],
      body: Buffer.alloc(0),
      responseTime: 0,
      responseSize: 0,
    };
    expect(digestSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), ok)).toBe(false);
    expect(params.nonceCount).toBe('00000001');
    digestSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), ok);
    expect(params.nonceCount).toBe('00000002');
  });

  it('does not retry with disableRetryRequest', () => {
    const params: AuthParams = { username: 'u', disableRetryRequest: true };
    const challenge = {
      code: 401,
      status: '',
      headers: [{ key: 'www-authenticate', value: 'Digest realm="r", nonce="n"' }],
      body: Buffer.alloc(0),
      responseTime: 0,
      responseSize: 0,
    };
    expect(digestSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), challenge)).toBe(false);
    expect(params.realm).toBeUndefined();
  });

  it('hashes the body for qop auth-int', () => {
    const params = {
      username: 'u',
      password: 'p',
      realm: 'r',
      nonce: 'n',
      qop: 'auth-int',
      clientNonce: 'c',
    };
    const a = makeRequest('POST', 'http://h/x', [], rawBody('one'));
    const b = makeRequest('POST', 'http://h/x', [], rawBody('two'));
    digestSigner.sign(params, a, fixedContext());
    digestSigner.sign(params, b, fixedContext());
    const bodyHash = createHash('md5').update('one').digest('hex');
    const expected = digestHeader({ ...params, algorithm: 'MD5', method: 'POST', uri: '/x', bodyHash });
    expect(headerValue(a.headers, 'authorization')).toBe(expected);
    expect(headerValue(b.headers, 'authorization')).not.toBe(expected);
  });
});

/** A server that challenges, then checks the digest response itself (RFC 7616, qop=auth). */
function digestServer(algorithm: string, hashName: string) {
  const realm = 'postern@test';
  const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
  const password = 'Circle Of Life';
  const hash = (s: string) => createHash(hashName).update(s).digest('hex');
  return (request: CapturedRequest) => {
    const auth = headerValue(request.headers, 'authorization') ?? '';
    const field = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(auth)?.[1] ?? '';
    if (auth.startsWith('Digest ')) {
      let ha1 = hash(`${field('username')}:${realm}:${password}`);
      if (algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${nonce}:${field('cnonce')}`);
      const ha2 = hash(`${request.method}:${field('uri')}`);
      const expected = hash([ha1, nonce, field('nc'), field('cnonce'), 'auth', ha2].join(':'));
      if (field('response') === expected && field('uri') === request.url)
        return { status: 200, body: 'welcome' };
    }
    return {
      status: 401,
      headers: {
        'WWW-Authenticate': `Digest realm="${realm}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="5ccc069c403ebaf9f0171e9517f40e41"`,
      },
    };
  };
}

describe('digest handshake against a local server', () => {
  const servers: CaptureServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  for (const [algorithm, hashName] of [
    ['MD5', 'md5'],
    ['SHA-256', 'sha256'],
    ['SHA-512-256-sess', 'sha512-256'],
  ] as const) {
    it(`authenticates with ${algorithm} after one challenge`, async () => {
      const server = await startCaptureServer(digestServer(algorithm, hashName));
      servers.push(server);
      const params: AuthParams = { username: 'Mufasa', password: 'Circle Of Life', algorithm };
      const { response, sent } = await runExchange(
        digestSigner,
        params,
        () => makeRequest('GET', `${server.origin}/dir/index.html?x=1`),
        fixedContext(),
      );
      expect(response.code).toBe(200);
      expect(sent).toHaveLength(2);
      expect(headerValue(sent[0]?.headers ?? [], 'authorization')).toBeUndefined();
      expect(headerValue(sent[1]?.headers ?? [], 'authorization')).toMatch(
        /^Digest username="Mufasa", realm="postern@test"/,
      );
    });
  }
});

describe('digest compared with Newman', () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer(digestServer('MD5', 'md5'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the same Authorization header as postman-runtime after the challenge', async () => {
    // A user-given client nonce survives the challenge in both, which makes the header deterministic.
    const params = {
      username: 'Mufasa',
      password: 'Circle Of Life',
      clientNonce: '0a4f113b',
      nonceCount: '00000001',
    };
    await runNewman([
      {
        name: 'digest',
        request: {
          method: 'GET',
          url: `${server.origin}/dir/index.html?a=1`,
          auth: { type: 'digest', digest: authParams(params) },
        },
      },
    ]);
    const newmanAuth = server.captured.map((r) => headerValue(r.headers, 'authorization'));
    expect(newmanAuth).toHaveLength(2);
    expect(newmanAuth[0]).toBeUndefined();
    server.captured.length = 0;

    const { response } = await runExchange(
      digestSigner,
      { ...params },
      () => makeRequest('GET', `${server.origin}/dir/index.html?a=1`),
      fixedContext(),
    );
    expect(response.code).toBe(200);
    expect(headerValue(server.captured[1]?.headers ?? [], 'authorization')).toBe(newmanAuth[1]);
  });
});
