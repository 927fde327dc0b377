import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oauth1Signer } from './oauth1.ts';
import {
  decodeForm,
  oauthHeader,
  oauthPercentEncode,
  signatureBaseString,
  signOAuthMessage,
} from './oauth1-signature.ts';
import { encodeForm } from './request-parts.ts';
import { fixedContext, headerValue, makeRequest, rawBody } from './testing.ts';

const PHOTOS = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  signatureMethod: 'HMAC-SHA1',
};

const authParamsOf = (header: string) =>
  Object.fromEntries(
    [...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], decodeURIComponent(m[2] ?? '')]),
  );

describe('OAuth 1.0 known answers', () => {
  it('builds the RFC 5849 §3.4.1.1 signature base string (query, body and oauth parameters)', () => {
    const base = signatureBaseString('POST', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ...decodeForm('c2&a3=2+q').map(([k, v]): [string, unknown] => [k, v ?? '']),
    ]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D' +
        '%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1' +
        '%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs the RFC 5849 §1.2 photos example (HMAC-SHA1)', () => {
    const request = makeRequest('GET', 'http://photos.example.net/photos?file=vacation.jpg&size=original');
    oauth1Signer.sign(
      { ...PHOTOS, timestamp: '137131202', nonce: 'chapoH', realm: 'Photos', addParamsToHeader: true },
      request,
      fixedContext(),
    );
    const header = headerValue(request.headers, 'authorization') ?? '';
    expect(header).toBe(
      'OAuth realm="Photos",oauth_consumer_key="dpf43f3p2l4k3l03",oauth_token="nnch734d00sl2jdk",' +
        'oauth_signature_method="HMAC-SHA1",oauth_timestamp="137131202",oauth_nonce="chapoH",' +
        'oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
    );
  });

  it('signs the OAuth Core 1.0 Appendix A.5 example (with oauth_version)', () => {
    const signature = signOAuthMessage(
      'GET',
      'http://photos.example.net/photos?file=vacation.jpg&size=original',
      [
        ['oauth_consumer_key', PHOTOS.consumerKey],
        ['oauth_token', PHOTOS.token],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '1191242096'],
        ['oauth_nonce', 'kllo9940pd9333jh'],
        ['oauth_version', '1.0'],
      ],
      { consumerSecret: PHOTOS.consumerSecret, tokenSecret: PHOTOS.tokenSecret, privateKey: '' },
    );
    expect(signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
  });

  it('uses the bare key for PLAINTEXT and HMAC-SHA1 when no method is given', () => {
    const secrets = { consumerSecret: 'c s', tokenSecret: 't&s', privateKey: '' };
    expect(signOAuthMessage('GET', 'http://h/', [['oauth_signature_method', 'PLAINTEXT']], secrets)).toBe(
      'c%20s&t%26s',
    );
    const params: Array<[string, unknown]> = [['oauth_nonce', 'n']];
    signOAuthMessage('GET', 'http://h/', params, secrets);
    expect(params).toContainEqual(['oauth_signature_method', 'HMAC-SHA1']);
    expect(() => signOAuthMessage('GET', 'http://h/', [['oauth_signature_method', 'MD5']], secrets)).toThrow(
      'Unsupported signature method',
    );
  });

  it('percent-encodes the RFC 3986 way and builds headers like node-oauth1', () => {
    expect(oauthPercentEncode("a b!*'()~")).toBe('a%20b%21%2A%27%28%29~');
    expect(
      oauthHeader(
        ' ',
        [
          ['oauth_a', ' x '],
          ['oauth_b', ''],
          ['other', 'y'],
        ],
        false,
      ),
    ).toBe('OAuth oauth_a="x"');
    expect(oauthHeader('r e', [['oauth_a', 'a/b']], true)).toBe('OAuth realm="r e",oauth_a="a/b"');
  });
});

describe('oauth1Signer', () => {
  const ctx = fixedContext(Date.UTC(2024, 0, 2, 3, 4, 5));

  it('generates nonce and timestamp from the context and skips empty params', () => {
    const request = makeRequest('GET', 'http://h/p');
    oauth1Signer.sign({ ...PHOTOS, token: ' ', version: '1.0', addParamsToHeader: true }, request, ctx);
    const fields = authParamsOf(headerValue(request.headers, 'authorization') ?? '');
    expect(fields.oauth_timestamp).toBe('1704164645');
    expect(fields.oauth_nonce).toMatch(/^[0-9A-Za-z]{11}$/);
    expect(fields).not.toHaveProperty('oauth_token');
  });

  it('does nothing without a consumer key or secret', () => {
    const request = makeRequest('GET', 'http://h/p', [{ key: 'Authorization', value: 'x' }]);
    oauth1Signer.sign({ consumerKey: 'k' }, request, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: 'x' }]);
  });

  it('puts the parameters in the query, re-encoded RFC 3986 style, replacing stale ones', () => {
    const request = makeRequest('GET', 'http://h/p?q=a+b!&oauth_nonce=old#frag');
    oauth1Signer.sign({ ...PHOTOS, timestamp: '1', nonce: 'n' }, request, ctx);
    expect(request.url).toMatch(
      /^http:\/\/h\/p\?q=a%20b%21&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1&oauth_nonce=n&oauth_signature=[^&#]+#frag$/,
    );
    expect(request.url).not.toContain('oauth_nonce=old');
  });

  it('signs urlencoded fields and adds the parameters to a POST form body', () => {
    const fields = [
      { key: 'a', value: 'x y' },
      { key: 'oauth_token', value: 'stale' },
    ];
    const request = makeRequest('POST', 'http://h/p', [{ key: 'Content-Length', value: '99' }], {
      mode: 'urlencoded',
      fields,
      data: Buffer.from(encodeForm(fields)),
    });
    oauth1Signer.sign({ ...PHOTOS, timestamp: '1', nonce: 'n' }, request, ctx);
    const body = request.body?.mode === 'urlencoded' ? request.body : undefined;
    expect(body?.fields.map((f) => f.key)).toEqual([
      'a',
      'oauth_consumer_key',
      'oauth_token',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_nonce',
      'oauth_signature',
    ]);
    const signature = body?.fields.at(-1)?.value ?? '';
    const expected = signOAuthMessage(
      'POST',
      'http://h/p',
      [
        ['oauth_consumer_key', PHOTOS.consumerKey],
        ['oauth_token', PHOTOS.token],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '1'],
        ['oauth_nonce', 'n'],
        ['a', 'x y'],
      ],
      { consumerSecret: PHOTOS.consumerSecret, tokenSecret: PHOTOS.tokenSecret, privateKey: '' },
    );
    expect(signature).toBe(expected);
    expect(body?.data.toString()).toBe(encodeForm(body?.fields ?? []));
    expect(headerValue(request.headers, 'content-length')).toBe(String(body?.data.length));
  });

  it('adds oauth_body_hash for a raw body when asked', () => {
    const request = makeRequest('POST', 'http://h/p', [], rawBody('Hello World!'));
    oauth1Signer.sign(
      { ...PHOTOS, timestamp: '1', nonce: 'n', includeBodyHash: true, addParamsToHeader: true },
      request,
      ctx,
    );
    // base64(sha1('Hello World!'))
    expect(authParamsOf(headerValue(request.headers, 'authorization') ?? '').oauth_body_hash).toBe(
      'Lve95gjOVATpfV8EL5X4nxwjKHE=',
    );
  });

  it('signs with RSA-SHA256 so that the public key verifies the base string', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const request = makeRequest('GET', 'http://h/p?x=1');
    const params = {
      consumerKey: 'k',
      privateKey: pem,
      signatureMethod: 'RSA-SHA256',
      timestamp: '1',
      nonce: 'n',
    };
    oauth1Signer.sign({ ...params, addParamsToHeader: true }, request, ctx);
    const signature = authParamsOf(headerValue(request.headers, 'authorization') ?? '').oauth_signature ?? '';
    const base = signatureBaseString('GET', 'http://h/p?x=1', [
      ['oauth_consumer_key', 'k'],
      ['oauth_signature_method', 'RSA-SHA256'],
      ['oauth_timestamp', '1'],
      ['oauth_nonce', 'n'],
    ]);
    expect(createVerify('RSA-SHA256').update(base).verify(publicKey, signature, 'base64')).toBe(true);
  });
});
