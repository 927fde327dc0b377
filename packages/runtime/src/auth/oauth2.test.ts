import { describe, expect, it } from 'vitest';
import { oauth2Signer } from './oauth2.ts';
import { fixedContext, makeRequest } from './testing.ts';

const ctx = fixedContext();

describe('oauth2', () => {
  it('uses a trimmed prefix, Bearer by default, or the query', () => {
    const header = makeRequest('GET', 'http://h/?access_token=old');
    oauth2Signer.sign({ accessToken: 't', headerPrefix: ' Token ' }, header, ctx);
    expect(header.headers).toEqual([{ key: 'Authorization', value: 'Token t' }]);
    expect(header.url).toBe('http://h/');
    const defaults = makeRequest('GET', 'http://h/');
    oauth2Signer.sign({ accessToken: 't' }, defaults, ctx);
    expect(defaults.headers).toEqual([{ key: 'Authorization', value: 'Bearer t' }]);
    const noPrefix = makeRequest('GET', 'http://h/');
    oauth2Signer.sign({ accessToken: 't', headerPrefix: '' }, noPrefix, ctx);
    expect(noPrefix.headers).toEqual([{ key: 'Authorization', value: 't' }]);
    const query = makeRequest('GET', 'http://h/p?a=1', [{ key: 'Authorization', value: 'old' }]);
    oauth2Signer.sign({ accessToken: 't/+', addTokenTo: 'queryParams' }, query, ctx);
    expect(query.url).toBe('http://h/p?a=1&access_token=t/+');
    expect(query.headers).toEqual([]);
  });

  it('leaves MAC tokens and missing tokens alone', () => {
    const request = makeRequest('GET', 'http://h/', [{ key: 'Authorization', value: 'keep' }]);
    oauth2Signer.sign({ accessToken: 't', tokenType: 'MAC' }, request, ctx);
    oauth2Signer.sign({}, request, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: 'keep' }]);
  });
});
