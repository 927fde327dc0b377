/**
 * The run's cookie jar, over tough-cookie, shared by the HTTP layer and `pm.cookies.jar()`.
 *
 * Newman's jar is postman-request's `new CookieJar(undefined, { looseMode: true })`; scripts reach
 * the same store through a second jar built with `rejectPublicSuffixes: false` (postman-sandbox).
 * The options below also undo tough-cookie 6 defaults that the tough-cookie 4 Newman uses lacks.
 *
 * tough-cookie (with its public-suffix list) loads when a cookie is first stored or a script first
 * uses the jar: until then the jar is empty and every lookup answers "no cookies" without it.
 */
import type { Cookie, MemoryCookieStore, Store, CookieJar as ToughCookieJar } from 'tough-cookie';
import type { ScriptCookie } from '../sandbox/types.ts';
import { secureLookupUrl } from './cookie-secure.ts';

type ToughCookie = typeof import('tough-cookie');

/** The cookie jar the HTTP layer and `pm.cookies.jar()` share (implemented over tough-cookie). */
export interface CookieJarLike {
  /** The `Cookie` header value for a URL ('' when none). */
  getCookieString(url: string): Promise<string>;
  /** Stores one `Set-Cookie` header value received from a URL (invalid ones are ignored). */
  setCookie(setCookieHeader: string, url: string): Promise<void>;
  /** True while the jar holds no cookie: `getCookieString` would answer ''. */
  isEmpty?(): boolean;
}

/** tough-cookie's side of a run's jar: `jar` is what requests use, `scriptJar` what scripts use. */
export interface ToughJars {
  jar: ToughCookieJar;
  scriptJar: ToughCookieJar;
  store: Store;
  Cookie: ToughCookie['Cookie'];
}

/** A run's jar; `tough()` creates the tough-cookie jars (loading the library) on first call. */
export type PosternCookieJar = CookieJarLike & {
  tough(): Promise<ToughJars>;
  /** The jar holds no cookie (the common case): lookups can skip URL parsing and matching. */
  isEmpty(): boolean;
};

const COMPAT_OPTIONS = {
  looseMode: true,
  // tough-cookie 4 stores `Secure` cookies from http:// responses and sends them over https and to
  // local hosts: `secureLookupUrl` applies its rule, so tough-cookie 6's own local rule is off.
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
  let created: Promise<ToughJars> | undefined;
  let store: MemoryCookieStore | undefined;
  const tough = (): Promise<ToughJars> => {
    created ??= import('tough-cookie').then((lib) => {
      store = new lib.MemoryCookieStore();
      return {
        jar: new lib.CookieJar(store, COMPAT_OPTIONS),
        scriptJar: new lib.CookieJar(store, { ...COMPAT_OPTIONS, rejectPublicSuffixes: false }),
        store,
        Cookie: lib.Cookie,
      };
    });
    return created;
  };
  const isEmpty = (): boolean => store === undefined || isEmptyStore(store);
  return {
    tough,
    isEmpty,
    async getCookieString(url) {
      if (isEmpty()) return '';
      // tough-cookie 6 sorts the header's cookies as tough-cookie 4 does (longest path first)
      return (await tough()).jar.getCookieString(secureLookupUrl(url));
    },
    async setCookie(setCookieHeader, url) {
      await (await tough()).jar.setCookie(setCookieHeader, url, { ignoreError: true });
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
 * Which Newman code built the cookie a script sees: `response` is postman-runtime's
 * `toPostmanCookie` (`pm.cookies`, a `pm.sendRequest` result's cookies), `jar` is postman-sandbox's
 * `deserialize` (`pm.cookies.jar()` answers). Only `expires` differs: `jar` leaves a Max-Age
 * cookie's `expires` null, `response` computes it.
 */
export type CookieView = 'response' | 'jar';

/** tough-cookie 4's `expiryTime()`: Max-Age counts from the cookie's creation (6 uses its last access). */
function expiryTime(cookie: Cookie): number {
  if (cookie.maxAge === null || cookie.maxAge === undefined) {
    return cookie.expires instanceof Date ? cookie.expires.getTime() : Number.POSITIVE_INFINITY;
  }
  if (cookie.maxAge === 'Infinity') return Number.POSITIVE_INFINITY;
  const from = cookie.creation instanceof Date ? cookie.creation.getTime() : Date.now();
  return typeof cookie.maxAge === 'number' && cookie.maxAge > 0
    ? from + cookie.maxAge * 1000
    : Number.NEGATIVE_INFINITY;
}

/** The Expires attribute alone, as postman-sandbox reads it (NaN: none). */
function expiresAttribute(cookie: Cookie): number {
  return cookie.expires instanceof Date ? cookie.expires.getTime() : Number.NaN;
}

/**
 * A tough-cookie Cookie as scripts see it: the fields Newman hands its sandbox (`expires` null and
 * `maxAge` 0 when unset, `extensions` for unknown attributes), no `session`.
 *
 * @example
 * toScriptCookie(Cookie.parse('a=1; Path=/')!)
 * // { name: 'a', value: '1', expires: null, maxAge: 0, httpOnly: false, secure: false, … }
 */
export function toScriptCookie(cookie: Cookie, view: CookieView = 'response'): ScriptCookie {
  // postman-sandbox passes tough-cookie's own `expires` (a Date, or 'Infinity' read as null)
  const expires = view === 'response' ? expiryTime(cookie) : expiresAttribute(cookie);
  const result: ScriptCookie = {
    name: cookie.key,
    value: cookie.value,
    expires: Number.isFinite(expires) ? new Date(expires).toISOString() : null,
    maxAge: cookie.maxAge === null || cookie.maxAge === undefined ? 0 : Number(cookie.maxAge),
    httpOnly: Boolean(cookie.httpOnly),
    secure: Boolean(cookie.secure),
    hostOnly: Boolean(cookie.hostOnly),
  };
  if (cookie.domain) result.domain = cookie.domain;
  if (cookie.path) result.path = cookie.path;
  if (cookie.extensions?.length) result.extensions = [...cookie.extensions];
  return result;
}

/** The cookies a request to `url` would send, in tough-cookie 4's order (longest path, then oldest). */
async function lookupCookies(
  cookies: PosternCookieJar,
  url: string,
  options: { http?: boolean; secure?: boolean } = {},
): Promise<Cookie[]> {
  const { scriptJar } = await cookies.tough();
  return scriptJar.getCookies(secureLookupUrl(url, options.secure), {
    http: options.http ?? true,
    sort: true,
  });
}

/**
 * The cookies a request to `url` would send, as `pm.cookies.jar().getAll()` (the default `jar`
 * view) or `pm.cookies` (`view: 'response'`) gives them.
 *
 * @example
 * await listCookies(cookies, 'http://127.0.0.1:3000/', { http: true })
 */
export async function listCookies(
  cookies: PosternCookieJar,
  url: string,
  options: { http?: boolean; secure?: boolean; view?: CookieView } = {},
): Promise<ScriptCookie[]> {
  const found = await lookupCookies(cookies, normaliseUrl(url, 'getAll'), options);
  return found.map((cookie) => toScriptCookie(cookie, options.view ?? 'jar'));
}

/**
 * `pm.cookies`: the cookies of the jar for a URL (HttpOnly included), as scripts see them.
 *
 * @example
 * await cookiesForUrl(cookies, 'http://127.0.0.1:3000/') // [{ name: 'sid', value: '1', … }]
 */
export function cookiesForUrl(cookies: PosternCookieJar, url: string): Promise<ScriptCookie[]> {
  // Any failure reads as no cookies, and an empty jar has none for any URL: no lookup needed.
  if (cookies.isEmpty()) return Promise.resolve([]);
  return listCookies(cookies, url, { view: 'response' }).catch(() => []);
}

async function findCookie(cookies: PosternCookieJar, url: string, name: string): Promise<Cookie | undefined> {
  return (await lookupCookies(cookies, url)).find((cookie) => cookie.key === name);
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
function cookieFromObject(
  CookieClass: ToughCookie['Cookie'],
  fields: Record<string, unknown>,
): Cookie | undefined {
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
  return CookieClass.fromJSON(json);
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
  const tough = await cookies.tough();
  let cookie: Cookie | string | undefined;
  if (nameOrCookie && value) {
    cookie = cookieFromObject(tough.Cookie, { name: nameOrCookie, value });
  } else if (nameOrCookie && typeof nameOrCookie === 'object') {
    cookie = cookieFromObject(tough.Cookie, nameOrCookie as Record<string, unknown>);
  } else if (typeof nameOrCookie === 'string') {
    cookie = nameOrCookie;
  } else {
    throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
  }
  if (cookie === undefined) throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
  const stored = await tough.scriptJar.setCookie(cookie, target);
  if (!stored) throw new Error('Cookie failed to parse');
  return toScriptCookie(stored, 'jar');
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
  if (cookie) await (await cookies.tough()).store.removeCookie(cookie.domain, cookie.path, cookie.key);
}

/**
 * `pm.cookies.jar().clear(url)`: removes every cookie a request to `url` would send.
 *
 * @example
 * await clearScriptCookies(cookies, 'http://127.0.0.1:3000/')
 */
export async function clearScriptCookies(cookies: PosternCookieJar, url: string): Promise<void> {
  const target = normaliseUrl(url, 'clear');
  const { store } = await cookies.tough();
  for (const cookie of await lookupCookies(cookies, target)) {
    await store.removeCookie(cookie.domain, cookie.path, cookie.key);
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
