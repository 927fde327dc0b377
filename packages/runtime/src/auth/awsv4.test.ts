import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signSigV4 } from './aws-sigv4.ts';
import { awsv4Signer } from './awsv4.ts';
import { fixedContext, headerValue, makeRequest, rawBody } from './testing.ts';

// The AWS SigV4 test suite credentials and time (20150830T123600Z).
const SUITE = {
  accessKey: 'AKIDEXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
};
const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);

describe('SigV4 known answers', () => {
  it('signs the AWS test suite get-vanilla request', () => {
    const request = makeRequest('GET', 'https://example.amazonaws.com/', [
      { key: 'Host', value: 'example.amazonaws.com' },
    ]);
    awsv4Signer.sign(SUITE, request, fixedContext(SUITE_TIME));
    expect(headerValue(request.headers, 'authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(headerValue(request.headers, 'x-amz-date')).toBe('20150830T123600Z');
  });

  it('signs the AWS test suite post-vanilla request', () => {
    const request = makeRequest('POST', 'https://example.amazonaws.com/', [
      { key: 'Host', value: 'example.amazonaws.com' },
    ]);
    awsv4Signer.sign(SUITE, request, fixedContext(SUITE_TIME));
    expect(headerValue(request.headers, 'authorization')).toContain(
      'Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
  });

  it('presigns the S3 documentation example (GET /test.txt, 86400 s)', () => {
    const request = makeRequest('GET', 'https://examplebucket.s3.amazonaws.com/test.txt');
    awsv4Signer.sign(
      {
        accessKey: 'AKIAIOSFODNN7EXAMPLE',
        secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
        addAuthDataToQuery: true,
      },
      request,
      fixedContext(Date.UTC(2013, 4, 24)),
    );
    expect(request.url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Expires=86400&X-Amz-Date=20130524T000000Z' +
        '&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        '&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
    expect(request.headers).toEqual([{ key: 'Host', value: 'examplebucket.s3.amazonaws.com' }]);
  });
});

describe('awsv4Signer', () => {
  it('adds the body hash, host, token and date headers, in postman-runtime’s order', () => {
    const request = makeRequest(
      'POST',
      'https://api.example.com:8443/p',
      [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'x-amz-date', value: 'stale' },
      ],
      rawBody('{"a":1}'),
    );
    awsv4Signer.sign({ ...SUITE, sessionToken: 'tok' }, request, fixedContext(SUITE_TIME));
    expect(request.headers.map((h) => h.key)).toEqual([
      'Content-Type',
      'X-Amz-Content-Sha256',
      'Host',
      'X-Amz-Security-Token',
      'X-Amz-Date',
      'Authorization',
    ]);
    expect(headerValue(request.headers, 'x-amz-content-sha256')).toBe(
      createHash('sha256').update('{"a":1}').digest('hex'),
    );
    expect(headerValue(request.headers, 'host')).toBe('api.example.com:8443');
    expect(headerValue(request.headers, 'authorization')).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
    );
  });

  it('signs only the user’s headers when the context marks system ones', () => {
    const system = { key: 'Accept', value: '*/*' };
    const request = makeRequest('GET', 'https://example.amazonaws.com/', [
      { key: 'X-Custom', value: ' a   b ' },
    ]);
    request.headers.push(system);
    awsv4Signer.sign(SUITE, request, { ...fixedContext(SUITE_TIME), isSystemHeader: (h) => h === system });
    expect(headerValue(request.headers, 'authorization')).toContain(
      'SignedHeaders=host;x-amz-date;x-custom,',
    );
  });

  it('updates a Host header the HTTP layer added instead of adding a second one', () => {
    const system = { key: 'host', value: 'example.amazonaws.com' };
    const request = makeRequest('GET', 'https://example.amazonaws.com/');
    request.headers.push(system);
    awsv4Signer.sign(SUITE, request, { ...fixedContext(SUITE_TIME), isSystemHeader: (h) => h === system });
    expect(request.headers.filter((h) => h.key.toLowerCase() === 'host')).toEqual([system]);
    expect(headerValue(request.headers, 'authorization')).toContain(
      'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('takes the signing time from a Date header', () => {
    const request = makeRequest('GET', 'https://example.amazonaws.com/', [
      { key: 'Date', value: 'Sun, 30 Aug 2015 12:36:00 GMT' },
    ]);
    awsv4Signer.sign(SUITE, request, fixedContext(0));
    expect(headerValue(request.headers, 'x-amz-date')).toBe('20150830T123600Z');
  });
});

describe('signSigV4 compared with the aws4 library (what postman-runtime uses)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  type Aws4 = {
    sign(
      request: Record<string, unknown>,
      credentials: Record<string, unknown>,
    ): { headers: Record<string, string>; path: string };
  };
  const aws4 = createRequire(import.meta.url)('aws4') as Aws4;
  const cases: Array<{
    name: string;
    method: string;
    path: string;
    service: string;
    signQuery: boolean;
    headers: Record<string, string>;
  }> = [
    {
      name: 'query sorting and encoding',
      method: 'GET',
      path: "/a/./b/../c//d?b=2&a=1&a=0&c=x%20y&d=!'()*",
      service: 'execute-api',
      signQuery: false,
      headers: { 'X-Foo': '  a   b ' },
    },
    {
      name: 's3 paths',
      method: 'PUT',
      path: '/bucket/key%20with%2Fslash+plus?versionId=1&versionId=2',
      service: 's3',
      signQuery: false,
      headers: {},
    },
    {
      name: 'presign',
      method: 'GET',
      path: '/x?X-Amz-Expires=60&y=1',
      service: 'execute-api',
      signQuery: true,
      headers: { 'content-type': 'text/plain' },
    },
    { name: 'presign s3', method: 'GET', path: '/k', service: 's3', signQuery: true, headers: {} },
    {
      name: 'ses alias and unicode',
      method: 'POST',
      path: '/é',
      service: 'email',
      signQuery: false,
      headers: { Date: 'Mon, 01 Jan 2024 00:00:00 GMT' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const now = Date.UTC(2024, 5, 6, 7, 8, 9);
      vi.useFakeTimers({ toFake: ['Date'], now });
      const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'ST' };
      const expected = aws4.sign(
        {
          host: 'h.example.com',
          path: c.path,
          service: c.service,
          region: 'eu-west-1',
          method: c.method,
          headers: { ...c.headers },
          signQuery: c.signQuery,
        },
        credentials,
      );
      const ours = signSigV4({
        method: c.method,
        path: c.path,
        headers: c.headers,
        host: 'h.example.com',
        service: c.service,
        region: 'eu-west-1',
        accessKeyId: 'AK',
        secretAccessKey: 'SK',
        sessionToken: 'ST',
        signQuery: c.signQuery,
        now,
      });
      expect(ours.headers).toEqual(expected.headers);
      expect(ours.path).toBe(expected.path);
    });
  }
});
