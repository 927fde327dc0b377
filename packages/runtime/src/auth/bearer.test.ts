import { describe, expect, it } from 'vitest';
import { bearerSigner } from './bearer.ts';
import { fixedContext, makeRequest } from './testing.ts';

const ctx = fixedContext();

describe('bearer', () => {
  it('adds the token, and nothing without one', () => {
    const request = makeRequest('GET', 'http://h/', [{ key: 'AUTHORIZATION', value: 'old' }]);
    bearerSigner.sign({ token: 'abc' }, request, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: 'Bearer abc' }]);
    const untouched = makeRequest('GET', 'http://h/', [{ key: 'Authorization', value: 'keep' }]);
    bearerSigner.sign({ token: '' }, untouched, ctx);
    expect(untouched.headers).toEqual([{ key: 'Authorization', value: 'keep' }]);
  });
});
