import { createRequire } from 'node:module';
import type { UrlDefinition } from '@postern/collection';
import { describe, expect, it } from 'vitest';
import { buildUrl, resolveLocation, splitUrl, urlDefinitionToString, urlFromString } from './url.ts';

// The reference implementation, used only to compare against (never at runtime).
const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as {
  Url: new (definition: unknown) => { toString(forceProtocol?: boolean): string };
};
const urlEncoder = require('postman-url-encoder') as {
  toNodeUrl(url: unknown, disableEncoding?: boolean): { href: string; host: string };
  resolveNodeUrl(base: string, relative: string): string;
};

/** What postman-runtime sends for a resolved URL string. */
function newmanHref(raw: string, disableEncoding = false): string {
  return urlEncoder.toNodeUrl(new sdk.Url(raw), disableEncoding).href;
}

const RAW_URLS = [
  'http://example.com',
  'example.com/path',
  'HTTPS://Example.COM:8443/A/B?x=1#Frag',
  'http://127.0.0.1:3000/a b/c?q=a b&r="x"#h h',
  'http://localhost/{{unresolved}}/x?v={{var}}',
  'http://localhost/p?a=1&&b=2&',
  'http://localhost/p?',
  'http://localhost/p#',
  'http://localhost/%7Bpre%7D/%zz?x=%41%2',
  'http://localhost/ünï/cödé?ä=ö#ß',
  'http://user:p@ss:w@rd@host.test/x',
  'http://us er:pa ss@host.test/',
  'http://[::1]:8080/ip6?x=1',
  'http://[::1]/ip6',
  'http://münchen.example/x',
  'http://host.test/a\\b\\c?d\\e',
  'http:///triple/slash',
  'http://host.test/path?redirect=http://other.test/x?y=1',
  "http://host.test/chars/!$&'()*+,;=:@[]^|`{}?q=!$'()*+,;:@[]^|`{}<>",
  'http://host.test/:id/:name.json',
  '   http://host.test/leading-space',
  'http://host.test/ctrl\u0001x?\u007f',
  'http://host.test/emoji/😀?e=😀#😀',
  'ftp://files.test/a',
  'http://host.test:/noport',
  'http://{{host.name}}:{{port}}/{{a/b}}?{{c&d}}=1#{{e#f}}',
];

describe('urlFromString matches postman-url-encoder on resolved URLs', () => {
  for (const raw of RAW_URLS) {
    it(JSON.stringify(raw), () => {
      expect(urlFromString(raw).href).toBe(newmanHref(raw));
      expect(urlFromString(raw, true).href).toBe(newmanHref(raw, true));
    });
  }
});

const DEFINITIONS: UrlDefinition[] = [
  { raw: '', protocol: 'https', host: ['api', 'example', 'com'], path: ['v1', 'items'] },
  { raw: '', host: ['http://127.0.0.1:1/x'], path: ['items', 'list'] },
  { raw: '', host: ['127', '0', '0', '1'], port: '3000', path: [''] },
  { raw: '', host: ['h'], path: [] },
  {
    raw: '',
    host: ['h'],
    path: ['users', ':id', ':fmt.json', ':missing'],
    variable: [
      { key: 'id', value: '42' },
      { key: 'fmt', value: 'data' },
    ],
  },
  {
    raw: '',
    host: ['h'],
    path: ['q'],
    query: [
      { key: 'a', value: '1' },
      { key: 'off', value: '2', disabled: true },
      { key: 'sp ace', value: 'x y' },
      { key: 'novalue', value: null },
      { key: null, value: 'v' },
      { key: '', value: '' },
    ],
  },
  { raw: '', host: ['h'], query: [{ key: 'only', value: 'x', disabled: true }] },
  { raw: '', host: ['h'], path: ['p'], query: [{ key: '', value: null }] },
  { raw: '', protocol: 'http://', host: ['h'], path: ['p'], hash: 'frag ment' },
  { raw: '', host: ['{{base}}'], path: ['a'] },
  { raw: 'http://from-raw.test/only-raw?x=1' },
];

describe('buildUrl matches Newman for URL definitions', () => {
  for (const definition of DEFINITIONS) {
    it(JSON.stringify(definition), () => {
      const newmanString = new sdk.Url(
        definition.host || definition.path ? definition : definition.raw,
      ).toString();
      expect(buildUrl(definition).href).toBe(newmanHref(newmanString));
      expect(urlDefinitionToString(definition, { escapeQueryDelimiters: true })).toBe(
        definition.host || definition.path ? newmanString : urlDefinitionToString(definition),
      );
    });
  }

  it('reproduces Newman escaping of delimiters in literal query params', () => {
    const definition: UrlDefinition = {
      raw: '',
      host: ['h'],
      query: [
        { key: 'a&b=c', value: 'd&e#f=g' },
        { key: '{{x&y}}', value: '{{p#q}}' },
      ],
    };
    expect(urlDefinitionToString(definition, { escapeQueryDelimiters: true })).toBe(
      new sdk.Url(definition).toString(),
    );
  });

  it('treats substituted query values like Newman treats variable values', () => {
    // Newman: `?{{qs}}` with qs = `a=1&b=2` is sent as two parameters.
    const built = buildUrl({ raw: '', host: ['h'], query: [{ key: 'a=1&b=2 c', value: null }] });
    expect(built.href).toBe(newmanHref('h?a=1&b=2 c'));
    expect(built.href).toBe('http://h/?a=1&b=2%20c');
  });

  it('uses a host that resolved to a whole URL as protocol, host, port and path', () => {
    const built = buildUrl({ raw: '{{baseUrl}}/items', host: ['http://127.0.0.1:1/x'], path: ['items'] });
    expect(built).toEqual({ href: 'http://127.0.0.1:1/x/items', host: '127.0.0.1:1' });
  });

  it('ignores raw when parts are present, as postman-collection does', () => {
    expect(buildUrl({ raw: 'http://raw.test/a', host: ['parts', 'test'], path: ['b'] }).href).toBe(
      'http://parts.test/b',
    );
  });

  it('respects disableUrlEncoding but still punycodes the host', () => {
    const definition: UrlDefinition = {
      raw: '',
      host: ['münchen', 'test'],
      path: ['a b'],
      query: [{ key: 'q', value: 'x y' }],
    };
    expect(buildUrl(definition, true).href).toBe('http://xn--mnchen-3ya.test/a b?q=x y');
  });

  it('refuses an empty URL with the runtime message', () => {
    expect(() => buildUrl({ raw: '' })).toThrow('runtime:extensions~request: request url is empty');
  });
});

describe('splitUrl', () => {
  it('splits an encoded URL for the connection', () => {
    expect(splitUrl('https://u:p@Api.Test:8443/v1/x?q=1#frag')).toEqual({
      protocol: 'https:',
      hostname: 'api.test',
      port: '8443',
      path: '/v1/x?q=1',
      auth: 'u:p',
    });
    expect(splitUrl('http://[::1]/')).toMatchObject({ hostname: '[::1]', port: '', path: '/' });
  });
});

describe('resolveLocation matches postman-url-encoder', () => {
  const base = 'http://u:p@host.test:8080/a/b/c?q=1#h';
  for (const location of [
    '',
    '/abs/path?x=1',
    '\\back',
    '//other.test/p',
    '?only=query',
    '#only-hash',
    'relative/x',
    '../up',
    'https://elsewhere.test/',
    'custom://thing.test/x',
  ]) {
    it(JSON.stringify(location), () => {
      const expected = /^https?:/.test(location) ? location : urlEncoder.resolveNodeUrl(base, location);
      expect(resolveLocation(base, location)).toBe(expected);
    });
  }
});
