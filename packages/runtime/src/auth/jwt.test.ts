import { constants, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwtSigner } from './jwt.ts';
import { fixedContext, headerValue, makeRequest } from './testing.ts';

const JWT_IO_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

async function sign(params: Record<string, unknown>, url = 'http://h/p') {
  const request = makeRequest('GET', url, [{ key: 'authorization', value: 'old' }]);
  await jwtSigner.sign(params, request, fixedContext());
  return request;
}

const tokenOf = (request: { headers: Array<{ key: string; value: string }> }) =>
  (headerValue(request.headers, 'authorization') ?? '').replace(/^Bearer /, '');

const partsOf = (token: string) => {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature ?? '', 'base64url'),
  };
};

describe('jwtSigner', () => {
  it('reproduces the jwt.io HS256 example token', async () => {
    const request = await sign({
      algorithm: 'HS256',
      secret: 'your-256-bit-secret',
      header: '{"typ":"JWT"}',
      payload: '{"sub":"1234567890","name":"John Doe","iat":1516239022}',
    });
    // postman-runtime appends `alg` after the header JSON's own keys.
    expect(partsOf(tokenOf(request)).header).toEqual({ typ: 'JWT', alg: 'HS256' });
    const withAlgFirst = await sign({
      algorithm: 'HS256',
      secret: 'your-256-bit-secret',
      header: '{"alg":"none","typ":"JWT"}',
      payload: '{"sub":"1234567890","name":"John Doe","iat":1516239022}',
    });
    expect(headerValue(withAlgFirst.headers, 'authorization')).toBe(`Bearer ${JWT_IO_TOKEN}`);
    expect(withAlgFirst.headers).toHaveLength(1);
  });

  it('decodes a base64 secret and honours the header prefix', async () => {
    const plain = tokenOf(await sign({ algorithm: 'HS384', secret: 'secret', payload: '{}' }));
    const encoded = await sign({
      algorithm: 'HS384',
      secret: Buffer.from('secret').toString('base64'),
      isSecretBase64Encoded: true,
      payload: '{}',
      headerPrefix: '',
    });
    expect(headerValue(encoded.headers, 'authorization')).toBe(plain);
  });

  it('adds the token as a query parameter', async () => {
    const request = await sign(
      { algorithm: 'HS512', secret: 's', payload: '', addTokenTo: 'queryParam', queryParamKey: 'jwt' },
      'http://h/p?jwt=old&x=1',
    );
    expect(request.url).toMatch(/^http:\/\/h\/p\?x=1&jwt=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(headerValue(request.headers, 'authorization')).toBe('old');
  });

  it('signs RS256, PS256 and ES256 tokens that verify with the public key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = (key: typeof rsa.privateKey) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
    for (const [algorithm, pair, options] of [
      ['RS256', rsa, {}],
      [
        'PS256',
        rsa,
        { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      ],
      ['ES256', ec, { dsaEncoding: 'ieee-p1363' as const }],
    ] as const) {
      const token = tokenOf(await sign({ algorithm, privateKey: pem(pair.privateKey), payload: '{"a":1}' }));
      const { header, payload, signingInput, signature } = partsOf(token);
      expect(header).toEqual({ alg: algorithm });
      expect(payload).toEqual({ a: 1 });
      const key = { key: createPublicKey(pair.privateKey), ...options };
      expect(verify('sha256', Buffer.from(signingInput), key, signature)).toBe(true);
    }
  });

  it('rejects what postman-runtime rejects', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    await expect(sign({ algorithm: 'none' })).rejects.toThrow('invalid algorithm');
    await expect(sign({ algorithm: 'HS256', secret: '' })).rejects.toThrow(
      'Invalid secret key. Enter a valid key.',
    );
    await expect(sign({ algorithm: 'RS256' })).rejects.toThrow('Invalid private key. Enter a valid key.');
    await expect(sign({ algorithm: 'RS256', privateKey: small, payload: '{}' })).rejects.toThrow('2048 bits');
    await expect(sign({ algorithm: 'ES256', privateKey: p384, payload: '{}' })).rejects.toThrow(
      'curve must be P-256, got P-384',
    );
    await expect(
      sign({ algorithm: 'RS256', privateKey: '-----BEGIN RSA PRIVATE KEY-----', payload: '{}' }),
    ).rejects.toThrow('PKCS#8');
    await expect(sign({ algorithm: 'HS256', secret: 's', payload: '[1]' })).rejects.toThrow(
      'JWT Claims Set MUST be an object',
    );
    await expect(sign({ algorithm: 'HS256', secret: 's', payload: '{' })).rejects.toThrow(SyntaxError);
  });
});
