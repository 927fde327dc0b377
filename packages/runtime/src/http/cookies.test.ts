import { Cookie } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import {
  clearScriptCookies,
  cookieJarOperation,
  cookiesForUrl,
  createCookieJar,
  getCookieValue,
  setScriptCookie,
  toScriptCookie,
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

  it('sends Secure cookies over plain http to loopback and localhost (as tough-cookie 4)', async () => {
    const cookies = createCookieJar();
    await cookies.setCookie('s=1; Path=/; Secure; HttpOnly', 'http://127.0.0.1:3000/login');
    await cookies.setCookie('t=2; Path=/', 'http://127.0.0.1:3000/login');
    expect(await cookies.getCookieString('http://127.0.0.1:3000/')).toBe('s=1; t=2');
    expect((await cookiesForUrl(cookies, 'http://127.0.0.1:3000/')).map((c) => c.name)).toEqual(['s', 't']);
    const all = (options: object) =>
      cookieJarOperation(cookies, 'getAll', 'http://127.0.0.1:3000/', [options]);
    expect(await all({ secure: false })).toMatchObject([{ name: 't' }]);
    await cookies.setCookie('u=3; Secure', 'http://localhost/');
    expect(await cookies.getCookieString('http://LOCALHOST/')).toBe('u=3');
    expect(await cookies.getCookieString('http://localhost./')).toBe('');
  });

  it('lists cookies longest path first, then oldest first (tough-cookie 4 sorts by default)', async () => {
    const cookies = createCookieJar();
    await cookies.setCookie('b=1; Path=/', url);
    await cookies.setCookie('a=2; Path=/', url);
    await cookies.setCookie('deep=3; Path=/path', url);
    const names = ['deep', 'b', 'a'];
    expect((await cookiesForUrl(cookies, url)).map((c) => c.name)).toEqual(names);
    const listed = (await cookieJarOperation(cookies, 'getAll', url, [{}])) as Array<{ name: string }>;
    expect(listed.map((c) => c.name)).toEqual(names);
    expect(await cookies.getCookieString(url)).toBe('deep=3; b=1; a=2');
  });

  it('gives scripts the fields Newman gives: expires and maxAge, no session', () => {
    const session = Cookie.parse('s=1; Path=/; Domain=api.test; Priority=High')!;
    expect(toScriptCookie(session)).toEqual({
      name: 's',
      value: '1',
      expires: null,
      maxAge: 0,
      domain: 'api.test',
      path: '/',
      secure: false,
      httpOnly: false,
      hostOnly: false,
      extensions: ['Priority=High'],
    });
    const dated = Cookie.parse('e=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT')!;
    expect(toScriptCookie(dated, 'jar')).toMatchObject({ expires: '2037-10-21T07:28:00.000Z', maxAge: 0 });
    const aged = Cookie.parse('m=1; Max-Age=60')!;
    aged.creation = new Date('2030-01-01T00:00:00.000Z');
    // pm.cookies: expiry from creation + Max-Age (postman-runtime); the jar: tough-cookie's `expires`
    expect(toScriptCookie(aged)).toMatchObject({ expires: '2030-01-01T00:01:00.000Z', maxAge: 60 });
    expect(toScriptCookie(aged, 'jar')).toMatchObject({ expires: null, maxAge: 60 });
  });

  it('gets, sets, unsets and clears for scripts', async () => {
    const cookies = createCookieJar();
    const stored = await setScriptCookie(cookies, 'api.test/path', 'sid', 'xyz');
    expect(stored).toMatchObject({
      name: 'sid',
      value: 'xyz',
      domain: 'api.test',
      hostOnly: true,
      expires: null,
      maxAge: 0,
    });
    expect(stored).not.toHaveProperty('session');
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
