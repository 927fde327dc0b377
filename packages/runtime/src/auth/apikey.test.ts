import { describe, expect, it } from 'vitest';
import { apikeySigner } from './apikey.ts';
import { fixedContext, makeRequest } from './testing.ts';

const ctx = fixedContext();

describe('apikey', () => {
  it('replaces headers whose lodash lowerCase matches', () => {
    const request = makeRequest('GET', 'http://h/', [
      { key: 'x_api_key', value: 'old' },
      { key: 'XApiKey', value: 'old' },
      { key: 'Accept', value: '*/*' },
    ]);
    apikeySigner.sign({ key: 'X-API-Key', value: 'v' }, request, ctx);
    expect(request.headers).toEqual([
      { key: 'Accept', value: '*/*' },
      { key: 'X-API-Key', value: 'v' },
    ]);
  });

  it('adds an encoded query parameter', () => {
    const request = makeRequest('GET', 'http://h/p?api key=old&x=1');
    apikeySigner.sign({ key: 'api key', value: 'a&b c', in: 'query' }, request, ctx);
    expect(request.url).toBe('http://h/p?x=1&api%20key=a%26b%20c');
  });

  it('does nothing with neither key nor value', () => {
    const request = makeRequest('GET', 'http://h/');
    apikeySigner.sign({ key: '', value: '' }, request, ctx);
    expect(request).toEqual(makeRequest('GET', 'http://h/'));
  });
});
