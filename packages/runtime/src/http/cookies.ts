/**
 * The run's cookie jar, over tough-cookie, shared by the HTTP layer and `pm.cookies.jar()`.
 *
 * Newman's jar is postman-request's `new CookieJar(undefined, { looseMode: true })`; scripts reach
 * the same store through a second jar built with `rejectPublicSuffixes: false` (postman-sandbox).
 * The options below also undo tough-cookie 6 defaults that the tough-cookie 4 Newman uses lacks.
 */
import { Cookie, MemoryCookieStore, type Store, CookieJar as ToughCookieJar } from 'tough-cookie';
import type { ScriptCookie } from '../sandbox/types.ts';

export { ToughCookieJar };

/** The cookie jar the HTTP layer and `pm.cookies.jar()` share (implemented over tough-cookie). */
export interface CookieJarLike {
  /** The `Cookie` header value for a URL ('' when none). */
  getCookieString(url: string): Promise<string>;
  /** Stores one `Set-Cookie` header value received from a URL (invalid ones are ignored). */
  setCookie(setCookieHeader: string, url: string): Promise<void>;
}

/** A run's jar: `jar` is what requests use, `scriptJar` what scripts use (same store). */
export type PosternCookieJar = CookieJarLike & {
  jar: ToughCookieJar;
  scriptJar: ToughCookieJar;
  store: Store;
};

const COMPAT_OPTIONS = {
  looseMode: true,
  // tough-cookie 4 stores `Secure` cookies from http:// responses and sends them only over https.
  enforceSecureOriginOnStorage: false,
  allowSecureOnLocal: false,
} as const;

/**
 * Creates an empty jar for one run.
 *
 * @example
 * const cookies = createCookieJar()
 * await cookies.setCookie('sid=1; Path=/', 'http://127.0.0.1:3000/login')
 * await cookies.getCookieString('http://127.0.0.1:3000/') // 'sid=1'
 */
export function createCookieJar(): PosternCookieJar {
  const store = new MemoryCookieStore();
  const jar = new ToughCookieJar(store, COMPAT_OPTIONS);
  const scriptJar = new ToughCookieJar(store, { ...COMPAT_OPTIONS, rejectPublicSuffixes: false });
  return {
    jar,
    scriptJar,
    store,
    async getCookieString(url) {
      if (isEmptyStore(store)) return '';
      return jar.getCookieString(url);
    },
    async setCookie(setCookieHeader, url) {
      await jar.setCookie(setCookieHeader, url, { ignoreError: true });
    },
  };
}

/** Skips URL parsing and matching for runs that never see a cookie (the common case). */
function isEmptyStore(store: MemoryCookieStore): boolean {
  for (const _domain in store.idx) return false;
  return true;
}

/** Postman accepts URLs without a protocol here (`example.com/path` means `http://example.com/path`). */
function normaliseUrl(url: unknown, method: string): string {
  if (typeof url !== 'string' || !url) throw new TypeError(`CookieJar.${method}() requires a valid url`);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/**
 * A tough-cookie Cookie as scripts see it.
 *
 * @example
 * toScriptCookie(Cookie.parse('a=1; Path=/')!) // { name: 'a', value: '1', path: '/', … }
 */
export function toScriptCookie(cookie: Cookie): ScriptCookie {
  const result: ScriptCookie = { name: cookie.key, value: cookie.value };
  if (cookie.domain) result.domain = cookie.domain;
  if (cookie.path) result.path = cookie.path;
  if (cookie.expires instanceof Date) result.expires = cookie.expires.toISOString();
  result.httpOnly = cookie.httpOnly;
  result.secure = cookie.secure;
  if (typeof cookie.hostOnly === 'boolean') result.hostOnly = cookie.hostOnly;
  result.session = !cookie.isPersistent();
  return result;
}

/**
 * The cookies a request to `url` would send, for `pm.cookies` and `pm.cookies.jar().getAll()`.
 *
 * @example
 * await listCookies(cookies, 'http://127.0.0.1:3000/', { http: true })
 */
export async function listCookies(
  cookies: PosternCookieJar,
  url: string,
  options: { http?: boolean; secure?: boolean } = {},
): Promise<ScriptCookie[]> {
  const found = await cookies.scriptJar.getCookies(normaliseUrl(url, 'getAll'), {
    http: options.http ?? true,
    ...(options.secure !== undefined ? { secure: options.secure } : {}),
  });
  return found.map(toScriptCookie);
}

/**
 * `pm.cookies`: the cookies of the jar for a URL (HttpOnly included), as scripts see them.
 *
 * @example
 * await cookiesForUrl(cookies, 'http://127.0.0.1:3000/') // [{ name: 'sid', value: '1', … }]
 */
export function cookiesForUrl(cookies: PosternCookieJar, url: string): Promise<ScriptCookie[]> {
  return listCookies(cookies, url).catch(() => []);
}

async function findCookie(cookies: PosternCookieJar, url: string, name: string): Promise<Cookie | undefined> {
  const found = await cookies.scriptJar.getCookies(url);
  return found.find((cookie) => cookie.key === name);
}

/**
 * `pm.cookies.jar().get(url, name)`: the value, or null.
 *
 * @example
 * await getCookieValue(cookies, 'http://127.0.0.1:3000/', 'sid') // '1'
 */
export async function getCookieValue(
  cookies: PosternCookieJar,
  url: string,
  name: unknown,
): Promise<string | null> {
  const target = normaliseUrl(url, 'get');
  if (typeof name !== 'string') throw new TypeError('CookieJar.get() requires cookie name to be a string');
  return (await findCookie(cookies, target, name))?.value ?? null;
}

/** Postman's cookie object fields (`name`/`key`, value, expires, …) as a tough-cookie Cookie. */
function cookieFromObject(fields: Record<string, unknown>): Cookie | undefined {
  const json: Record<string, unknown> = { key: fields.name ?? fields.key, value: fields.value };
  for (const field of [
    'expires',
    'maxAge',
    'domain',
    'path',
    'secure',
    'httpOnly',
    'hostOnly',
    'extensions',
  ]) {
    if (fields[field] !== undefined) json[field] = fields[field];
  }
  return Cookie.fromJSON(json);
}

/**
 * `pm.cookies.jar().set(url, name, value)`, `set(url, cookieObject)` or `set(url, 'a=1; Path=/')`.
 * Resolves with the stored cookie.
 *
 * @example
 * await setScriptCookie(cookies, 'http://127.0.0.1:3000/', 'sid', '1')
 */
export async function setScriptCookie(
  cookies: PosternCookieJar,
  url: string,
  nameOrCookie: unknown,
  value?: unknown,
): Promise<ScriptCookie> {
  const target = normaliseUrl(url, 'set');
  let cookie: Cookie | string | undefined;
  if (nameOrCookie && value) {
    cookie = cookieFromObject({ name: nameOrCookie, value });
  } else if (nameOrCookie && typeof nameOrCookie === 'object') {
    cookie = cookieFromObject(nameOrCookie as Record<string, unknown>);
  } else if (typeof nameOrCookie === 'string') {
    cookie = nameOrCookie;
  } else {
    throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
  }
  if (cookie === undefined) throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
  const stored = await cookies.scriptJar.setCookie(cookie, target);
  if (!stored) throw new Error('Cookie failed to parse');
  return toScriptCookie(stored);
}

/**
 * `pm.cookies.jar().unset(url, name)`: removes the cookie a request to `url` would send.
 *
 * @example
 * await unsetScriptCookie(cookies, 'http://127.0.0.1:3000/', 'sid')
 */
export async function unsetScriptCookie(
  cookies: PosternCookieJar,
  url: string,
  name: unknown,
): Promise<void> {
  const target = normaliseUrl(url, 'unset');
  if (typeof name !== 'string') throw new TypeError('CookieJar.unset() requires cookie name to be a string');
  const cookie = await findCookie(cookies, target, name);
  if (cookie) await cookies.store.removeCookie(cookie.domain, cookie.path, cookie.key);
}

/**
 * `pm.cookies.jar().clear(url)`: removes every cookie a request to `url` would send.
 *
 * @example
 * await clearScriptCookies(cookies, 'http://127.0.0.1:3000/')
 */
export async function clearScriptCookies(cookies: PosternCookieJar, url: string): Promise<void> {
  const target = normaliseUrl(url, 'clear');
  for (const cookie of await cookies.scriptJar.getCookies(target)) {
    await cookies.store.removeCookie(cookie.domain, cookie.path, cookie.key);
  }
}

/**
 * Runs one `pm.cookies.jar()` operation as the sandbox bridge asks for it
 * (`SandboxHost.cookieJar(op, url, args)`).
 *
 * @example
 * await cookieJarOperation(cookies, 'set', 'http://a.test/', ['sid', '1'])
 */
export async function cookieJarOperation(
  cookies: PosternCookieJar,
  op: 'get' | 'getAll' | 'set' | 'unset' | 'clear',
  url: string,
  args: readonly unknown[],
): Promise<unknown> {
  switch (op) {
    case 'get':
      return getCookieValue(cookies, url, args[0]);
    case 'getAll': {
      const options = (args[0] && typeof args[0] === 'object' ? args[0] : {}) as {
        http?: unknown;
        secure?: unknown;
      };
      return listCookies(cookies, url, {
        ...(options.http !== undefined ? { http: Boolean(options.http) } : {}),
        ...(options.secure !== undefined ? { secure: Boolean(options.secure) } : {}),
      });
    }
    case 'set':
      return setScriptCookie(cookies, url, args[0], args[1]);
    case 'unset':
      return unsetScriptCookie(cookies, url, args[0]);
    case 'clear':
      return clearScriptCookies(cookies, url);
    default:
      throw new TypeError(`CookieJar: unknown operation ${String(op)}`);
  }
}
