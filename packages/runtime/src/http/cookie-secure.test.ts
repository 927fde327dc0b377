import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isLocalCookieHost, secureLookupUrl } from './cookie-secure.ts';
import { cookieJarOperation, createCookieJar } from './cookies.ts';

const require = createRequire(import.meta.url);
interface Tough4Jar {
  setCookieSync(cookie: string, url: string): unknown;
  getCookieStringSync(url: string): string;
  getCookiesSync(url: string, options?: { secure?: boolean }): Array<{ key: string }>;
}
/** Newman's tough-cookie (4.1.3-postman), the reference. */
const tough4 = require('@postman/tough-cookie') as {
  CookieJar: new (store: undefined, options: { looseMode: boolean }) => Tough4Jar;
};

describe('isLocalCookieHost', () => {
  it("counts tough-cookie 4's local hosts only", () => {
    for (const host of ['localhost', 'a.localhost', '::1', '127.0.0.1', '127.255.1.9']) {
      expect(isLocalCookieHost(host), host).toBe(true);
    }
    for (const host of ['localhost.', 'localhostx', '127.1', '127.000.0.1', '128.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isLocalCookieHost(host), host).toBe(false);
    }
  });
});

describe('secureLookupUrl', () => {
  it('switches the scheme only where tough-cookie 4 disagrees with it', () => {
    expect(String(secureLookupUrl('http://127.0.0.1:3000/a?b'))).toBe('https://127.0.0.1:3000/a?b');
    expect(secureLookupUrl('http://api.test/')).toBe('http://api.test/');
    expect(secureLookupUrl('https://api.test/')).toBe('https://api.test/');
    expect(String(secureLookupUrl('https://api.test/', false))).toBe('http://api.test/');
    expect(String(secureLookupUrl('http://api.test/', true))).toBe('https://api.test/');
    expect(secureLookupUrl('not a url')).toBe('not a url');
  });
});

const urls = [
  'http://127.0.0.1:3000/x',
  'http://[::1]:3000/x',
  'http://LocalHost:1/',
  'http://a.localhost/',
  'http://.localhost/',
  'http://%6cocalhost/',
  'http://127.1/',
  'http://localhost./',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://127.000.0.1/',
  'http://128.0.0.1/',
  'http://127.0.0.1.nip.io/',
  'http://localhostx/',
  'ws://localhost/',
  'https://api.test/',
  'http://api.test/',
];

describe('Secure cookies as Newman sends them', () => {
  it.each(urls)('%s', async (url) => {
    const reference = new tough4.CookieJar(undefined, { looseMode: true });
    reference.setCookieSync('s=1; Secure', url);
    reference.setCookieSync('p=2', url);
    const cookies = createCookieJar();
    await cookies.setCookie('s=1; Secure', url);
    await cookies.setCookie('p=2', url);
    expect(await cookies.getCookieString(url)).toBe(reference.getCookieStringSync(url));
    for (const secure of [true, false]) {
      const listed = (await cookieJarOperation(cookies, 'getAll', url, [{ secure }])) as Array<{
        name: string;
      }>;
      const expected = reference.getCookiesSync(url, { secure }).map((cookie) => cookie.key);
      expect(listed.map((cookie) => cookie.name)).toEqual(expected);
    }
  });
});
