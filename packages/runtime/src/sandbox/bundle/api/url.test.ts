import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Url } from './url.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as { Url: new (u: unknown) => Record<string, unknown> & SdkUrl };
interface SdkUrl {
  toString(force?: boolean): string;
  getPath(unresolved?: boolean): string;
  getQueryString(): string;
  getPathWithQuery(): string;
  getHost(): string;
  getRemote(force?: boolean): string;
  getOAuth1BaseUrl(): string;
  query: { toObject(): unknown; count(): number };
  variables: { toObject(): unknown };
}

const URLS = [
  'https://api.example.com/things/1?x=1&y=2#frag',
  'http://user:pass@localhost:3000/a/b/',
  'localhost:8080',
  '{{baseUrl}}/users/:id?active=true',
  '{{scheme}}://{{host}}:{{port}}/v1/{{path}}',
  'https://{{sub}}.example.com/:version/items/:itemId.json?q={{query}}&flag',
  'example.com/?a=b&&c=&d',
  'https://example.com?a=1#',
  'file:///tmp/x.json',
  'http://[::1]:8080/ip6',
  '  https://trim.example.com/  ',
  'https://example.com/a%20b?x={{a&b}}&y=1',
  'https://example.com/path\\with\\backslashes',
  '',
  '/relative/path?x',
];

function observe(u: SdkUrl): unknown {
  return {
    string: u.toString(),
    forced: u.toString(true),
    path: u.getPath(),
    // Postman's getPath(true) throws when there is no path at all
    pathUnresolved: (u as unknown as { path?: unknown }).path ? u.getPath(true) : undefined,
    query: u.getQueryString(),
    pathWithQuery: u.getPathWithQuery(),
    host: u.getHost(),
    remote: u.getRemote(),
    remoteForced: u.getRemote(true),
    queryObject: u.query.toObject(),
    variables: u.variables.toObject(),
    protocol: (u as unknown as Record<string, unknown>).protocol,
    port: (u as unknown as Record<string, unknown>).port,
    hash: (u as unknown as Record<string, unknown>).hash,
    hostParts: (u as unknown as Record<string, unknown>).host,
    pathParts: (u as unknown as Record<string, unknown>).path,
  };
}

describe('Url (compared with postman-collection)', () => {
  it.each(URLS)('parses and prints %j like Postman', (raw) => {
    expect(observe(new Url(raw) as unknown as SdkUrl)).toEqual(observe(new sdk.Url(raw)));
  });

  it('resolves path variables and edits query params like Postman', () => {
    const definition = {
      raw: 'https://a.com/users/:id/:fmt.json',
      protocol: 'https',
      host: ['a', 'com'],
      path: ['users', ':id', ':fmt.json'],
      query: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2', disabled: true },
        { key: 'amp&', value: 'x#y=z' },
      ],
      variable: [
        { key: 'id', value: '42' },
        { key: 'fmt', value: 'full' },
      ],
    };
    const ours = new Url(structuredClone(definition));
    const theirs = new sdk.Url(structuredClone(definition)) as unknown as SdkUrl & Url;
    expect(observe(ours as unknown as SdkUrl)).toEqual(observe(theirs));
    for (const target of [ours, theirs] as Url[]) {
      target.addQueryParams('c=3&d');
      target.query.upsert({ key: 'a', value: 'changed' });
      target.removeQueryParams(['amp&']);
      target.query.add({ key: 'e', value: null });
    }
    expect(observe(ours as unknown as SdkUrl)).toEqual(observe(theirs));
    expect(ours.getOAuth1BaseUrl()).toBe(theirs.getOAuth1BaseUrl());
  });

  it('turns back into a definition with raw and parts', () => {
    const url = new Url('https://a.com:8443/x/:id?q=1#h');
    url.variables.upsert({ key: 'id', value: '7' });
    expect(url.toJSON()).toEqual({
      raw: 'https://a.com:8443/x/7?q=1#h',
      protocol: 'https',
      host: ['a', 'com'],
      port: '8443',
      path: ['x', ':id'],
      query: [{ key: 'q', value: '1' }],
      hash: 'h',
      variable: [{ key: 'id', value: '7', type: 'any' }],
    });
  });

  it('parses raw when a definition has no parts', () => {
    expect(new Url({ raw: '{{base}}/x?y=1' }).toString()).toBe('{{base}}/x?y=1');
  });
});
