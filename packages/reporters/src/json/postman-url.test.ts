import { describe, expect, it } from 'vitest';
import { toPostmanUrl } from './postman-url.ts';

describe('toPostmanUrl', () => {
  it("splits a URL into Postman's url parts", () => {
    expect(toPostmanUrl('http://127.0.0.1:3000/a/b?x=1&y#frag')).toEqual({
      protocol: 'http',
      port: '3000',
      path: ['a', 'b'],
      host: ['127', '0', '0', '1'],
      query: [
        { key: 'x', value: '1' },
        { key: 'y', value: null },
      ],
      hash: 'frag',
      variable: [],
    });
  });

  it('keeps credentials, IPv6 hosts and encoded text as sent', () => {
    const url = toPostmanUrl('https://user:p%40ss@[::1]/a%20b?q=%7B%7D');
    expect(url.auth).toEqual({ user: 'user', password: 'p%40ss' });
    expect(url.host).toEqual(['[::1]']);
    expect(url.path).toEqual(['a%20b']);
    expect(url.query).toEqual([{ key: 'q', value: '%7B%7D' }]);
  });

  it('handles a bare host and a root path', () => {
    expect(toPostmanUrl('example.com')).toMatchObject({ host: ['example', 'com'], path: [] });
    expect(toPostmanUrl('http://example.com/')).toMatchObject({ path: [''] });
  });
});
