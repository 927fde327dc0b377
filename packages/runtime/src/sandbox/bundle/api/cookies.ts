/**
 * `pm.cookies` (a `CookieList`), `pm.response.cookies`, and `pm.cookies.jar()`, whose operations go
 * to the engine's cookie jar through the bridge. Argument checks and error texts follow Postman.
 */
import { type ListSpec, PropertyList } from './property-list.ts';
import type { Bridge } from './types.ts';
import type { Url } from './url.ts';

/** Cookie values are stored encoded, as Postman's `ensureEncoded` does, and decoded by `valueOf`. */
function ensureEncoded(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // not encoded (or malformed): encode as it is
  }
  try {
    return encodeURIComponent(decoded);
  } catch {
    return decoded; // lone surrogates cannot be encoded
  }
}

/** lodash's `isEmpty` for postman-collection's `_.choose`: '', [], {}, null, numbers and booleans. */
function isEmptyValue(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0;
  return true;
}

/**
 * One cookie.
 * @example new Cookie({ name: 'sid', value: 'a b' }).valueOf() // 'a b'
 */
export class Cookie {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Cookie, 'name', { value: 'PostmanCookie' });
  }

  declare name?: string;
  declare value?: string;
  declare expires?: Date | string | null;
  declare maxAge?: number;
  declare domain?: string;
  declare path?: string;
  declare secure?: boolean;
  declare httpOnly?: boolean;
  declare hostOnly?: boolean;
  declare session?: boolean;
  declare extensions?: Array<{ key: string; value: unknown }>;

  constructor(options?: unknown) {
    if (options && typeof options === 'object') this.update(options as Record<string, unknown>);
  }

  update(o: Record<string, unknown>): void {
    const set = <K extends keyof Cookie>(key: K, value: Cookie[K] | undefined): void => {
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
    };
    // `_.choose(name, key)`: the first that is not empty, so a nameless cookie has no `name`
    set('name', [o.name, o.key].find((value) => !isEmptyValue(value)) as string | undefined);
    set(
      'expires',
      typeof o.expires === 'string' ? new Date(o.expires) : (o.expires as Date | null | undefined),
    );
    set('maxAge', 'maxAge' in o && o.maxAge !== undefined ? Number(o.maxAge) : undefined);
    set('domain', o.domain as string | undefined);
    set('path', o.path as string | undefined);
    set('secure', 'secure' in o ? Boolean(o.secure) : undefined);
    set('httpOnly', 'httpOnly' in o ? Boolean(o.httpOnly) : undefined);
    set('hostOnly', 'hostOnly' in o ? Boolean(o.hostOnly) : undefined);
    set('session', 'session' in o ? Boolean(o.session) : undefined);
    set('value', o.value ? ensureEncoded(String(o.value)) : undefined);
    set('extensions', (o.extensions as Cookie['extensions']) || undefined);
  }

  valueOf(): string | undefined {
    try {
      return this.value === undefined ? undefined : decodeURIComponent(this.value);
    } catch {
      return this.value;
    }
  }

  toString(): string {
    let out = unparseCookie(this);
    if (this.expires instanceof Date) {
      if (!Number.isNaN(this.expires.getTime())) out += '; Expires=' + this.expires.toUTCString();
    } else if (this.expires) out += '; Expires=' + this.expires;
    if (this.maxAge && this.maxAge !== Number.POSITIVE_INFINITY) out += '; Max-Age=' + this.maxAge;
    if (this.domain && !this.hostOnly) out += '; Domain=' + this.domain;
    if (this.path) out += '; Path=' + this.path;
    if (this.secure) out += '; Secure';
    if (this.httpOnly) out += '; HttpOnly';
    for (const { key, value } of this.extensions ?? [])
      out += `; ${key}` + (value === true ? '' : `=${String(value)}`);
    return out;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) {
      if (value === undefined) continue;
      out[key] = value instanceof Date ? value.toISOString() : value;
    }
    return out;
  }
}

/** postman-collection's `Cookie.unparseSingle`: `name=value` as stored (encoded), or the bare value. */
function unparseCookie(cookie: Cookie): string {
  if (cookie === null || typeof cookie !== 'object') return '';
  const value = cookie.value ?? '';
  return cookie.name ? `${cookie.name}=${value}` : value;
}

/**
 * postman-collection's `Cookie.unparse`, what `pm.cookies.toString()` gives: a `Cookie` header value.
 * @example unparseCookies([new Cookie({ name: 'a', value: 'x y' }), new Cookie({ value: 'v' })]) // 'a=x%20y; v'
 */
export function unparseCookies(cookies: readonly Cookie[]): string {
  return cookies.map(unparseCookie).join('; ');
}

export const cookieSpec: ListSpec<Cookie> = {
  create: (item) => new Cookie(item),
  isMember: (value): value is Cookie => value instanceof Cookie,
  indexKey: 'name',
  caseInsensitive: true,
  multiValue: true,
  unparse: unparseCookies,
};

/** A cookie list; `pm.cookies` also has `jar()`. */
export class CookieList extends PropertyList<Cookie> {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(CookieList, 'name', { value: 'CookieList' });
  }

  constructor(items?: unknown) {
    super(cookieSpec, items);
  }
}

type Callback = (error: Error | null, result?: unknown) => void;

const asError = (error: unknown): Error =>
  error instanceof Error
    ? error
    : new Error(
        error && typeof error === 'object' && 'message' in error
          ? String((error as { message: unknown }).message)
          : String(error),
      );

/**
 * `pm.cookies.jar()`: reads and writes the run's cookie jar for a URL.
 * @example pm.cookies.jar().get('https://a.com', 'sid', (err, value) => {})
 */
export class CookieJar {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(CookieJar, 'name', { value: 'PostmanCookieJar' });
  }

  readonly #bridge: Bridge;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  #url(url: unknown, method: string): string {
    if (url && typeof url === 'object' && typeof (url as Url).toString === 'function' && 'host' in url) {
      return (url as Url).toString(true);
    }
    if (url && typeof url === 'string') return url;
    throw new TypeError(`CookieJar.${method}() requires a valid url`);
  }

  #call(op: string, url: string, args: unknown[], done: (error: unknown, result?: unknown) => void): void {
    this.#bridge.cookieJar(op, url, args, done);
  }

  /** Calls back with the value of the named cookie, or null. */
  get(url: unknown, name: unknown, callback: unknown): void {
    const target = this.#url(url, 'get');
    if (typeof callback !== 'function') throw new TypeError('CookieJar.get() requires a callback function');
    if (typeof name !== 'string') throw new TypeError('CookieJar.get() requires cookie name to be a string');
    const cb = callback as Callback;
    this.#call('get', target, [name], (error, result) => {
      if (error) return cb(asError(error));
      if (result === null || result === undefined) return cb(null, null);
      cb(null, typeof result === 'string' ? result : new Cookie(result).valueOf());
    });
  }

  /** Calls back with a `CookieList` of the URL's cookies. */
  getAll(url: unknown, options: unknown, callback?: unknown): void {
    const target = this.#url(url, 'getAll');
    let opts = options;
    let cb = callback;
    if (typeof opts === 'function' && !cb) {
      cb = opts;
      opts = {};
    }
    if (typeof cb !== 'function') throw new TypeError('CookieJar.getAll() requires a callback function');
    if (typeof opts !== 'object') throw new TypeError('CookieJar.getAll() requires options to be an object');
    const o = (opts ?? {}) as Record<string, unknown>;
    const normalised = {
      http: Object.hasOwn(o, 'http') ? Boolean(o.http) : true,
      secure: Object.hasOwn(o, 'secure') ? Boolean(o.secure) : undefined,
    };
    const done = cb as Callback;
    this.#call('getAll', target, [normalised], (error, result) => {
      if (error) return done(asError(error));
      done(null, new CookieList(Array.isArray(result) ? result : []));
    });
  }

  /** Sets a cookie: `(url, name, value, cb?)`, `(url, cookieObject, cb?)` or `(url, 'a=b; Path=/', cb?)`. */
  set(url: unknown, name: unknown, value?: unknown, callback?: unknown): void {
    const target = this.#url(url, 'set');
    let val = value;
    let cb = callback;
    if (typeof val === 'function' && !cb) {
      cb = val;
      val = null;
    }
    let cookie: unknown;
    if (name && val) cookie = { name: String(name), value: String(val) };
    else if (name && typeof name === 'object') cookie = { ...(name as Record<string, unknown>) };
    else if (typeof name === 'string') cookie = name;
    else throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
    if (cookie && typeof cookie === 'object') {
      const c = cookie as Record<string, unknown>;
      if (c.key !== undefined && c.name === undefined) c.name = c.key;
      if (c.expires instanceof Date) c.expires = c.expires.toISOString();
    }
    this.#call('set', target, [cookie], (error, result) => {
      if (typeof cb !== 'function') return;
      const done = cb as Callback;
      if (error) return done(asError(error));
      done(null, result ? new Cookie(result) : undefined);
    });
  }

  /** Removes the named cookie. */
  unset(url: unknown, name: unknown, callback?: unknown): void {
    const target = this.#url(url, 'unset');
    if (typeof name !== 'string')
      throw new TypeError('CookieJar.unset() requires cookie name to be a string');
    this.#call('unset', target, [name], (error) => {
      if (typeof callback !== 'function') return;
      (callback as Callback)(error ? asError(error) : null);
    });
  }

  /** Removes every cookie of the URL. */
  clear(url: unknown, callback?: unknown): void {
    const target = this.#url(url, 'clear');
    this.#call('clear', target, [], (error) => {
      if (typeof callback !== 'function') return;
      (callback as Callback)(error ? asError(error) : null);
    });
  }
}
