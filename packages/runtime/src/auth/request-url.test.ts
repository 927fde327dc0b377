import { describe, expect, it } from 'vitest';
import { appendQuery, encodeQueryParam, removeQueryParams, setQuery, splitUrl } from './request-url.ts';
import { makeRequest } from './testing.ts';

describe('splitUrl', () => {
  it('reads the parts like toNodeUrl', () => {
    expect(splitUrl('HTTPS://u:p@Example.COM:8443/a/b?x=1&y#top')).toEqual({
      protocol: 'https:',
      auth: 'u:p',
      host: 'example.com:8443',
      hostname: 'example.com',
      port: '8443',
      pathname: '/a/b',
      search: '?x=1&y',
      hash: '#top',
    });
    expect(splitUrl('http://[::1]:3000?q')).toMatchObject({
      hostname: '::1',
      host: '[::1]:3000',
      pathname: '/',
      search: '?q',
    });
    expect(splitUrl('example.com')).toMatchObject({
      protocol: 'http:',
      host: 'example.com',
      pathname: '/',
      search: '',
    });
  });
});

describe('query editing', () => {
  it('encodes like postman-url-encoder: keys also encode = and &, %XX is kept', () => {
    expect(encodeQueryParam('a b=c', 'd&e=f#"é%41')).toBe('a%20b%3Dc=d%26e=f%23%22%C3%A9%41');
    expect(encodeQueryParam('k', undefined)).toBe('k');
    expect(encodeQueryParam('k', '')).toBe('k=');
  });

  it('removes by key as given or encoded (not decoded) and appends before the fragment', () => {
    const request = makeRequest('GET', 'http://h/p?a=1&api%20key=x&access%5Ftoken=y&b&a=2#f');
    removeQueryParams(request, ['a', 'api key', 'access_token']);
    expect(request.url).toBe('http://h/p?access%5Ftoken=y&b#f');
    removeQueryParams(request, ['access%5Ftoken']);
    appendQuery(request, ['c=3']);
    expect(request.url).toBe('http://h/p?b&c=3#f');
    removeQueryParams(request, ['b', 'c']);
    expect(request.url).toBe('http://h/p#f');
    appendQuery(request, ['d=4']);
    expect(request.url).toBe('http://h/p?d=4#f');
    setQuery(request, []);
    expect(request.url).toBe('http://h/p#f');
  });
});
