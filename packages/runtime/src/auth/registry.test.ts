import { describe, expect, it } from 'vitest';
import { noauthSigner } from './noauth.ts';
import { getAuthSigner } from './registry.ts';
import { fixedContext, makeRequest } from './testing.ts';

const ctx = fixedContext();

describe('registry', () => {
  it('knows every Postman auth type and nothing else (each loaded on first use)', async () => {
    const types = [
      'noauth',
      'basic',
      'bearer',
      'apikey',
      'digest',
      'oauth1',
      'oauth2',
      'hawk',
      'awsv4',
      'ntlm',
      'edgegrid',
      'jwt',
      'asap',
    ];
    for (const type of types) expect((await getAuthSigner(type))?.type).toBe(type);
    expect(await getAuthSigner('__proto__')).toBeUndefined();
    expect(await getAuthSigner('kerberos')).toBeUndefined();
    expect(await getAuthSigner('toString')).toBeUndefined();
    expect(await getAuthSigner('basic')).toBe(await getAuthSigner('basic'));
    const request = makeRequest('GET', 'http://h/', [{ key: 'a', value: 'b' }]);
    noauthSigner.sign({}, request, ctx);
    expect(request.headers).toEqual([{ key: 'a', value: 'b' }]);
  });
});
