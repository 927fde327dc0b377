import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseUrl, urlToString } from './url.ts';

// Newman's own URL parser, as the reference for differential checks.
const require = createRequire(import.meta.url);
const { Url } = require('postman-collection') as { Url: { parse(raw: string): Record<string, unknown> } };

/** Postman's parse output without the `undefined` fields, comparable with ours. */
function reference(raw: string): Record<string, unknown> {
  const parsed = Url.parse(raw);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}

const SAMPLES = [
  'https://postman-echo.com/get?foo=bar&x=1#frag',
  'http://localhost:3000',
  'localhost:3000/a/b/',
  '{{baseUrl}}/users/:id?expand',
  '{{base/url}}/x',
  '{{scheme}}://{{host}}:{{port}}/{{path}}?{{q}}={{v}}',
  'HTTP://u:p@{{h.x}}.foo.com:{{port}}/a/:id.json/{{x/y}}/?q=1&&r&s=#frag',
  'http://user@host.com/p',
  'http://a:b:c@host/p',
  'http://a@b@host/p',
  'http://[::1]:8080/ipv6',
  'http://[::1]/no-port',
  'file:///etc/hosts',
  'file:////etc/hosts',
  'http:////extra/slashes',
  'http:\\\\back\\slashes\\path?q=\\x',
  '   http://leading.space/',
  'http://a.b/?',
  'http://a.b/?a=1&',
  'http://a.b/?&a',
  'http://a.b/#',
  'no-protocol/path',
  '/just/a/path',
  '?only=query',
  '#only-hash',
  '{{url}}',
  '{{url}}:8080',
  'http://host/{{a?b}}/{{c#d}}?x={{e&f}}#{{g}}',
  'http://host/a/:v1/:v1/:v2.json/:/b',
  'http://host:/empty-port',
  'http://host/path@with@ats',
  'http://host/p:with:colons',
  'mailto:someone@example.com',
  'ws://socket.test/chat?room=1',
  'http://host/?a={{x}}&b={{y=z}}',
  'http://host/{{a}}{{b}}/c',
];

describe('parseUrl', () => {
  it.each(SAMPLES)('matches postman-collection Url.parse for %s', (raw) => {
    expect(parseUrl(raw)).toEqual(reference(raw));
  });

  it('splits a typical URL into parts', () => {
    expect(parseUrl('https://{{host}}:8080/users/:id?page=2#top')).toEqual({
      raw: 'https://{{host}}:8080/users/:id?page=2#top',
      protocol: 'https',
      host: ['{{host}}'],
      port: '8080',
      path: ['users', ':id'],
      query: [{ key: 'page', value: '2' }],
      hash: 'top',
      variable: [{ key: 'id' }],
    });
  });

  it('keeps variables that contain separators whole', () => {
    const url = parseUrl('{{proto://host}}/a/{{p/q}}?x={{y&z}}');
    expect(url.host).toEqual(['{{proto://host}}']);
    expect(url.path).toEqual(['a', '{{p/q}}']);
    expect(url.query).toEqual([{ key: 'x', value: '{{y&z}}' }]);
  });

  it('returns just raw for an empty string', () => {
    expect(parseUrl('')).toEqual({ raw: '' });
  });
});

describe('urlToString', () => {
  it('rebuilds the URL from its parts, skipping disabled query parameters', () => {
    expect(
      urlToString({
        protocol: 'https',
        auth: { user: 'u', password: 'p' },
        host: ['api', 'test'],
        port: '8443',
        path: ['v1', 'items', ''],
        query: [
          { key: 'a', value: '1' },
          { key: 'off', value: '2', disabled: true },
          { key: 'flag', value: null },
        ],
        hash: 'h',
      }),
    ).toBe('https://u:p@api.test:8443/v1/items/?a=1&flag#h');
  });

  it('leaves out the query separator when every parameter is disabled', () => {
    expect(urlToString({ host: ['h'], query: [{ key: 'a', value: '1', disabled: true }] })).toBe('h');
  });

  it.each(SAMPLES.filter((raw) => !raw.startsWith(' ') && !raw.includes('\\') && !raw.includes('////')))(
    'round-trips %s',
    (raw) => {
      expect(urlToString(parseUrl(raw))).toBe(raw);
    },
  );
});
