import { describe, expect, it } from 'vitest';
import {
  clearScriptCookies,
  cookieJarOperation,
  cookiesForUrl,
  createCookieJar,
  getCookieValue,
  setScriptCookie,
  unsetScriptCookie,
} from './cookies.ts';

const url = 'http://api.test/path';

describe('cookie jar', () => {
  it('stores Set-Cookie values and builds the Cookie header by domain and path', async () => {
    const cookies = createCookieJar();
    expect(await cookies.getCookieString(url)).toBe('');
    await cookies.setCookie('a=1; Path=/', url);
    await cookies.setCookie('deep=2; Path=/path/sub', url);
    await cookies.setCookie('other=3; Domain=other.test', url);
    await cookies.setCookie('=loose', url);
    expect(await cookies.getCookieString('http://api.test/path/sub/x')).toBe('deep=2; a=1; loose');
    expect(await cookies.getCookieString('http://elsewhere.test/')).toBe('');
  });

  it('keeps Secure cookies from http responses but sends them only over https (as tough-cookie 4)', async () => {
    const cookies = createCookieJar();
    await cookies.setCookie('s=1; Secure', url);
    expect(await cookies.getCookieString(url)).toBe('');
    expect(await cookies.getCookieString('https://api.test/path')).toBe('s=1');
  });

  it('gets, sets, unsets and clears for scripts', async () => {
    const cookies = createCookieJar();
    const stored = await setScriptCookie(cookies, 'api.test/path', 'sid', 'xyz');
    expect(stored).toMatchObject({
      name: 'sid',
      value: 'xyz',
      domain: 'api.test',
      hostOnly: true,
      session: true,
    });
    await setScriptCookie(cookies, url, { name: 'obj', value: 'v', path: '/', httpOnly: true });
    await setScriptCookie(cookies, url, 'raw=1; Path=/');
    expect(await getCookieValue(cookies, url, 'sid')).toBe('xyz');
    expect(await getCookieValue(cookies, url, 'nope')).toBeNull();
    expect((await cookiesForUrl(cookies, url)).map((c) => c.name).sort()).toEqual(['obj', 'raw', 'sid']);

    await unsetScriptCookie(cookies, url, 'sid');
    expect(await getCookieValue(cookies, url, 'sid')).toBeNull();
    await clearScriptCookies(cookies, url);
    expect(await cookies.getCookieString(url)).toBe('');
  });

  it('dispatches sandbox operations and validates arguments', async () => {
    const cookies = createCookieJar();
    await cookieJarOperation(cookies, 'set', url, ['k', 'v']);
    expect(await cookieJarOperation(cookies, 'get', url, ['k'])).toBe('v');
    expect(await cookieJarOperation(cookies, 'getAll', url, [{ http: false }])).toHaveLength(1);
    await expect(cookieJarOperation(cookies, 'get', '', ['k'])).rejects.toThrow(
      'CookieJar.get() requires a valid url',
    );
    await expect(cookieJarOperation(cookies, 'unset', url, [5])).rejects.toThrow(
      'requires cookie name to be a string',
    );
    await expect(cookieJarOperation(cookies, 'set', url, [undefined])).rejects.toThrow(
      'CookieJar.set() requires a valid set cookie arguments',
    );
  });

  it('scripts may store cookies for public suffixes, responses may not (as Newman)', async () => {
    const cookies = createCookieJar();
    await cookies.setCookie('p=1; Domain=co.uk', 'http://a.co.uk/');
    const { store } = await cookies.tough();
    expect(await store.getAllCookies()).toEqual([]);
    const stored = await setScriptCookie(cookies, 'http://a.co.uk/', 'p=2; Domain=co.uk');
    expect(stored).toMatchObject({ name: 'p', value: '2', domain: 'co.uk', hostOnly: false });
    expect((await store.getAllCookies()).map((cookie) => cookie.key)).toEqual(['p']);
  });

  it('an empty jar answers without a lookup until a cookie is stored', async () => {
    const cookies = createCookieJar();
    expect(cookies.isEmpty()).toBe(true);
    expect(await cookies.getCookieString('http://127.0.0.1/')).toBe('');
    expect(await cookiesForUrl(cookies, 'http://127.0.0.1/')).toEqual([]);
    // a refused cookie (another domain's) leaves the jar empty
    await cookies.setCookie('a=1; Domain=other.test', 'http://127.0.0.1/');
    expect(cookies.isEmpty()).toBe(true);
    await cookies.setCookie('sid=1; Path=/', 'http://127.0.0.1/login');
    expect(cookies.isEmpty()).toBe(false);
    expect(await cookies.getCookieString('http://127.0.0.1/')).toBe('sid=1');
    expect(await cookiesForUrl(cookies, 'http://127.0.0.1/')).toMatchObject([{ name: 'sid', value: '1' }]);
  });
});
