import { describe, expect, it } from 'vitest';
import { basicSigner } from './basic.ts';
import { fixedContext, makeRequest } from './testing.ts';

const ctx = fixedContext();

describe('basic', () => {
  it('replaces any Authorization header with Basic base64(utf8)', () => {
    const request = makeRequest('GET', 'http://h/', [{ key: 'authorization', value: 'old' }]);
    basicSigner.sign({ username: 'Aladdin', password: 'open sesame' }, request, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' }]);
    const unicode = makeRequest('GET', 'http://h/');
    basicSigner.sign({ username: 'ü' }, unicode, ctx);
    expect(unicode.headers[0]?.value).toBe(`Basic ${Buffer.from('ü:', 'utf8').toString('base64')}`);
  });
});
