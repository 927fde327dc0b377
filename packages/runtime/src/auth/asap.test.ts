import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asapSigner } from './asap.ts';
import { fixedContext, headerValue, makeRequest } from './testing.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);

async function tokenFor(params: Record<string, unknown>) {
  const request = makeRequest('GET', 'http://h/', [{ key: 'Authorization', value: 'old' }]);
  await asapSigner.sign(params, request, fixedContext(NOW));
  expect(request.headers).toHaveLength(1);
  const token = (headerValue(request.headers, 'authorization') ?? '').replace(/^Bearer /, '');
  const [header, payload, signature] = token.split('.');
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(privateKey),
    Buffer.from(signature ?? '', 'base64url'),
  );
  return {
    verified: ok,
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as Record<string, unknown>,
    payloadText: Buffer.from(payload ?? '', 'base64url').toString(),
  };
}

describe('asapSigner', () => {
  it('builds the claims with defaults: sub = iss, jti a UUID, exp = iat + 3600', async () => {
    const { verified, header, payloadText } = await tokenFor({
      kid: 'svc/key1',
      iss: 'svc',
      aud: 'api',
      privateKey: PEM,
    });
    expect(verified).toBe(true);
    expect(header).toEqual({ alg: 'RS256', kid: 'svc/key1' });
    const payload = JSON.parse(payloadText) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(['iat', 'iss', 'sub', 'jti', 'aud', 'exp']);
    expect(payload).toMatchObject({
      iat: 1704164645,
      iss: 'svc',
      sub: 'svc',
      aud: 'api',
      exp: 1704164645 + 3600,
    });
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lets claims win, keeps their order, and reads a lifetime from exp', async () => {
    const { payloadText } = await tokenFor({
      kid: 'k',
      iss: 'param-iss',
      aud: 'param-aud',
      exp: '60',
      privateKey: `"${PEM.replace(/\n/g, '\n')}"`,
      claims: '{"custom":true,"iss":"claim-iss","jti":"fixed"}',
    });
    expect(payloadText).toBe(
      '{"custom":true,"iss":"claim-iss","jti":"fixed","iat":1704164645,"sub":"claim-iss","aud":"param-aud","exp":1704164705}',
    );
  });

  it('accepts a data URI key whose kid matches', async () => {
    const der = privateKey.export({ format: 'der', type: 'pkcs1' }).toString('base64');
    const dataUri = `data:application/pkcs8;kid=svc%2Fkey1;base64,${der}`;
    const { verified } = await tokenFor({ kid: 'svc/key1', iss: 'svc', aud: 'api', privateKey: dataUri });
    expect(verified).toBe(true);
    const request = makeRequest('GET', 'http://h/');
    await expect(
      asapSigner.sign({ kid: 'other', iss: 'svc', aud: 'api', privateKey: dataUri }, request, fixedContext()),
    ).rejects.toThrow('Failed to parse private key.');
  });

  it('reports missing claims, bad algorithms, bad claims and bad keys like postman-runtime', async () => {
    const request = makeRequest('GET', 'http://h/');
    const ctx = fixedContext();
    await expect(asapSigner.sign({ iss: 'i', aud: 'a', privateKey: PEM }, request, ctx)).rejects.toThrow(
      'One or more of required claims missing',
    );
    await expect(
      asapSigner.sign({ kid: 'k', iss: 'i', aud: 'a', privateKey: PEM, alg: 'HS256' }, request, ctx),
    ).rejects.toThrow('invalid algorithm');
    await expect(
      asapSigner.sign({ kid: 'k', iss: 'i', aud: 'a', privateKey: PEM, claims: '{' }, request, ctx),
    ).rejects.toThrow('Failed to parse claims');
    await expect(
      asapSigner.sign({ kid: 'k', iss: 'i', aud: 'a', privateKey: 'nope' }, request, ctx),
    ).rejects.toThrow('Failed to sign request with key.');
    expect(request.headers).toEqual([]);
  });
});
