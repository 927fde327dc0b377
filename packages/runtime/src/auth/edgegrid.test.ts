import { describe, expect, it } from 'vitest';
import { edgegridSigner, edgegridTimestamp } from './edgegrid.ts';
import { fixedContext, headerValue, makeRequest, rawBody } from './testing.ts';

// Akamai's published EdgeGrid test data (edgegrid-node / edgegrid-python testdata).
const HOST = 'https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net';
const CREDENTIALS = {
  clientToken: 'akab-client-token-xxx-xxxxxxxxxxxxxxxx',
  accessToken: 'akab-access-token-xxx-xxxxxxxxxxxxxxxx',
  clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
  nonce: 'nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  timestamp: '20140321T19:34:21+0000',
  headersToSign: 'X-Test1,X-Test2,X-Test3',
  maxBodySize: 2048,
};
const PREFIX =
  'EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;' +
  'timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature=';

function signatureOf(
  method: string,
  path: string,
  body?: string,
  headers: Array<{ key: string; value: string }> = [],
  extra = {},
) {
  const request = makeRequest(method, HOST + path, headers, body === undefined ? undefined : rawBody(body));
  edgegridSigner.sign({ ...CREDENTIALS, ...extra }, request, fixedContext());
  const header = headerValue(request.headers, 'authorization') ?? '';
  expect(header.startsWith(PREFIX)).toBe(true);
  return header.slice(PREFIX.length);
}

describe('edgegrid known answers (Akamai test data)', () => {
  it('signs GET requests', () => {
    expect(signatureOf('GET', '/')).toBe('tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=');
    expect(signatureOf('GET', '/testapi/v1/t1?p1=1&p2=2')).toBe(
      'hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=',
    );
    expect(signatureOf('GET', '/testapi/v1/configs/111;222;333?from=12345&limit=200000')).toBe(
      'pmQF7Is2+O4r/mMojPR4yeF58BrempNNoBX5/DT0Fxs=',
    );
  });

  it('hashes POST bodies, and none when the body is empty', () => {
    expect(signatureOf('POST', '/testapi/v1/t3', 'datadatadatadatadatadatadatadata')).toBe(
      'hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4=',
    );
    expect(signatureOf('POST', '/testapi/v1/t6', '')).toBe('1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ=');
  });
});

describe('edgegridSigner', () => {
  it('hashes at most maxBodySize bytes', () => {
    const at = (body: string) => signatureOf('POST', '/p', body, [], { maxBodySize: '4' });
    expect(at('abcdXYZ')).toBe(at('abcd'));
    expect(at('abcdXYZ')).not.toBe(signatureOf('POST', '/p', 'abcdXYZ'));
  });

  it('signs only the listed headers, case-insensitively, skipping empty and repeated ones', () => {
    const plain = signatureOf('GET', '/');
    const signed = signatureOf('GET', '/', undefined, [{ key: 'x-test1', value: ' a   b ' }]);
    expect(signed).not.toBe(plain);
    expect(signatureOf('GET', '/', undefined, [{ key: 'X-Other', value: 'v' }])).toBe(plain);
    expect(signatureOf('GET', '/', undefined, [{ key: 'X-Test2', value: '' }])).toBe(plain);
    const twice = [
      { key: 'X-Test1', value: 'a' },
      { key: 'x-test1', value: 'b' },
    ];
    expect(signatureOf('GET', '/', undefined, twice)).toBe(plain);
  });

  it('signs the host of baseURL instead of the request’s', () => {
    const viaBase = signatureOf('GET', '/', undefined, [], { baseURL: `${HOST}/ignored/path` });
    expect(viaBase).toBe('tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=');
    const request = makeRequest('GET', 'https://other.example/');
    edgegridSigner.sign({ ...CREDENTIALS, baseURL: HOST }, request, fixedContext());
    expect(headerValue(request.headers, 'authorization')).toBe(
      `${PREFIX}tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=`,
    );
  });

  it('makes a timestamp and a UUID nonce from the context, and needs all three secrets', () => {
    expect(edgegridTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('20240102T03:04:05+0000');
    const request = makeRequest('GET', `${HOST}/`);
    const { nonce: _n, timestamp: _t, ...withoutNonce } = CREDENTIALS;
    edgegridSigner.sign(withoutNonce, request, fixedContext(Date.UTC(2024, 0, 2, 3, 4, 5)));
    expect(headerValue(request.headers, 'authorization')).toContain(
      'timestamp=20240102T03:04:05+0000;nonce=00010203-0405-4607-8809-0a0b0c0d0e0f;',
    );
    const untouched = makeRequest('GET', `${HOST}/`);
    edgegridSigner.sign({ ...CREDENTIALS, clientSecret: '' }, untouched, fixedContext());
    expect(untouched.headers).toEqual([]);
  });
});
