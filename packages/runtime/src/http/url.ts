/**
 * Request URLs, built as postman-runtime builds them: the URL definition is turned into a string
 * from its parts (`raw` is ignored when parts exist), the string is parsed again (so a host such as
 * `{{baseUrl}}` that resolved to `http://host:1/x` becomes protocol, host, port and path), then
 * every part is percent-encoded with Postman's rules unless `disableUrlEncoding` is set.
 */
import { domainToASCII } from 'node:url';
import type { QueryParam, UrlDefinition } from '@postern/collection';
import { encodeFragment, encodePath, encodeQuery, encodeUserInfo } from './url-encode.ts';
import { type ParsedUrl, parseUrl } from './url-parse.ts';

/** A URL ready to send. */
export interface BuiltUrl {
  /** The full encoded URL (with the `#fragment`, as Newman reports it). */
  href: string;
  /** The `Host` header value: host plus `:port` when the URL names a port. */
  host: string;
}

/** The URL split for a connection. */
export interface UrlTarget {
  /** `http:` or `https:` (anything else is refused by the sender). */
  protocol: string;
  /** Host name; IPv6 addresses keep their brackets. */
  hostname: string;
  /** The port as written in the URL ('' when absent). */
  port: string;
  /** `/path?query` as sent on the request line. */
  path: string;
  /** `user[:password]` still percent-encoded, when the URL has userinfo. */
  auth?: string;
}

/** Methods whose path segments are `:name` variables. */
function pathVariableName(segment: string): string | null {
  if (!segment.startsWith(':')) return null;
  const dot = segment.indexOf('.');
  return segment.slice(1, dot === -1 ? undefined : dot) || null;
}

function resolvePathSegments(url: UrlDefinition): string[] {
  const path = (url.path ?? []).map((segment) => (typeof segment === 'string' ? segment : String(segment)));
  if (!url.variable?.length) return path;
  const values = new Map<string, unknown>();
  for (const variable of url.variable) values.set(variable.key, variable.value);
  return path.map((segment) => {
    const name = pathVariableName(segment);
    if (name === null) return segment;
    const value = values.get(name);
    // Postman only substitutes non-empty string values; anything else leaves `:name` in place.
    return typeof value === 'string' && value !== '' ? value + segment.slice(name.length + 1) : segment;
  });
}

const RESERVED_IN_VARIABLE = /{{[^{}]*[&#=][^{}]*}}/g;

/** Postman's QueryParam.unparseSingle escaping of `&`, `#` (and `=` in keys) outside `{{vars}}`. */
function escapeQueryDelimiters(text: string, escapeEquals: boolean): string {
  if (!/[&#=]/.test(text)) return text;
  const escapePart = (part: string) => {
    let out = part.replace(/&/g, '%26').replace(/#/g, '%23');
    if (escapeEquals) out = out.replace(/=/g, '%3D');
    return out;
  };
  let out = '';
  let pointer = 0;
  for (const match of text.matchAll(RESERVED_IN_VARIABLE)) {
    out += escapePart(text.slice(pointer, match.index)) + match[0];
    pointer = match.index + match[0].length;
  }
  return out + escapePart(text.slice(pointer));
}

function queryString(params: QueryParam[], escapeDelimiters: boolean): string | undefined {
  let result = '';
  let first = true;
  let anyEnabled = false;
  for (const param of params) {
    if (param.disabled === true) continue;
    anyEnabled = true;
    if (!first) result += '&';
    first = false;
    if (typeof param.key === 'string')
      result += escapeDelimiters ? escapeQueryDelimiters(param.key, true) : param.key;
    if (typeof param.value === 'string') {
      result += `=${escapeDelimiters ? escapeQueryDelimiters(param.value, false) : param.value}`;
    }
  }
  // `?` stays when at least one param is enabled, even if the string is empty (`http://x?`).
  return anyEnabled ? result : undefined;
}

/**
 * The URL string postman-collection's `Url.toString()` gives for a definition: parts joined,
 * `:pathVariables` substituted, disabled query params dropped, no encoding.
 *
 * Newman builds this string from the *unresolved* definition and then substitutes variables in it,
 * so a variable's value lands in the URL verbatim (a `{{qs}}` of `a=1&b=2` becomes two params).
 * Pass `{ escapeQueryDelimiters: true }` to get Newman's exact string for an unresolved definition
 * (literal `&`, `#` in params become `%26`, `%23`); the default leaves them alone, which treats
 * already-substituted values as Newman treats variable values.
 *
 * @example
 * urlDefinitionToString({ raw: '', host: ['{{base}}'], path: ['users', ':id'],
 *   variable: [{ key: 'id', value: '7' }], query: [{ key: 'a', value: '1' }] })
 * // '{{base}}/users/7?a=1'
 */
export function urlDefinitionToString(
  url: UrlDefinition,
  options: { escapeQueryDelimiters?: boolean } = {},
): string {
  let out = '';
  if (url.protocol) out += url.protocol.endsWith('://') ? url.protocol : `${url.protocol}://`;
  const auth = (url as { auth?: { user?: unknown; password?: unknown } }).auth;
  if (auth && typeof auth === 'object') {
    let userinfo: string | undefined;
    if (typeof auth.user === 'string') userinfo = auth.user;
    if (typeof auth.password === 'string') userinfo = `${userinfo ?? ''}:${auth.password}`;
    if (userinfo !== undefined) out += `${userinfo}@`;
  }
  const host: unknown = url.host;
  if (Array.isArray(host)) out += host.join('.');
  else if (typeof host === 'string') out += host;
  if (url.port !== undefined && url.port !== null) out += `:${url.port}`;
  if (url.path) out += `/${resolvePathSegments(url).join('/')}`;
  if (url.query?.length) {
    const query = queryString(url.query, options.escapeQueryDelimiters === true);
    if (query !== undefined) out += `?${query}`;
  }
  if (typeof url.hash === 'string') out += `#${url.hash}`;
  return out;
}

/** Hosts repeat across a run; domainToASCII costs microseconds, so results are remembered. */
const encodedHosts = new Map<string, string>();

function encodeHost(hostname: string): string {
  let encoded = encodedHosts.get(hostname);
  if (encoded === undefined) {
    encoded = domainToASCII(hostname) || hostname;
    if (encodedHosts.size >= 1024) encodedHosts.clear();
    encodedHosts.set(hostname, encoded);
  }
  return encoded;
}

/** Encodes parsed parts into the URL Postman sends (postman-url-encoder's `toNodeUrl`). */
function encodeParsedUrl(parsed: ParsedUrl, disableEncoding: boolean): BuiltUrl {
  const keep = (text: string) => text;
  const path = disableEncoding ? keep : encodePath;
  const query = disableEncoding ? keep : encodeQuery;
  const fragment = disableEncoding ? keep : encodeFragment;
  const userinfo = disableEncoding ? keep : encodeUserInfo;

  let href = `${parsed.protocol ? parsed.protocol.toLowerCase() : 'http'}://`;
  if (parsed.auth) {
    const [user, password] = parsed.auth;
    let auth = userinfo(user ?? '');
    if (password !== undefined) auth += `:${userinfo(password)}`;
    href += `${auth}@`;
  }
  const hostname = encodeHost((parsed.host ?? []).join('.').toLowerCase());
  const host = parsed.port === undefined ? hostname : `${hostname}:${parsed.port}`;
  href += host;
  href += path(`/${(parsed.path ?? []).join('/')}`);
  if (parsed.query !== undefined) href += `?${query(parsed.query)}`;
  if (parsed.hash !== undefined) href += `#${fragment(parsed.hash)}`;
  return { href, host };
}

/**
 * Builds the URL to send from a string, as Postman does for a resolved URL or a redirect target.
 *
 * @example
 * urlFromString('Example.com/a b?q=x y') // { href: 'http://example.com/a%20b?q=x%20y', host: 'example.com' }
 */
export function urlFromString(url: string, disableEncoding = false): BuiltUrl {
  return encodeParsedUrl(parseUrl(url), disableEncoding);
}

/** True when the definition carries parts (Postman then ignores `raw`). */
function hasParts(url: UrlDefinition): boolean {
  return url.host !== undefined || url.path !== undefined || url.protocol !== undefined;
}

/**
 * Builds the URL to send from a (variable-resolved) URL definition. A definition with only `raw`
 * is parsed from `raw`.
 *
 * @example
 * buildUrl({ raw: '', host: ['{{baseUrl}}'], path: ['items'] }) // after substitution of baseUrl:
 * buildUrl({ raw: '', host: ['http://127.0.0.1:1/x'], path: ['items'] })
 * // { href: 'http://127.0.0.1:1/x/items', host: '127.0.0.1:1' }
 */
export function buildUrl(url: UrlDefinition, disableEncoding = false): BuiltUrl {
  const text = hasParts(url) ? urlDefinitionToString(url) : (url.raw ?? '');
  if (!text) throw new Error('runtime:extensions~request: request url is empty');
  return urlFromString(text, disableEncoding);
}

/**
 * Splits an encoded URL (as built here, possibly edited by a signer) for the connection.
 *
 * @example
 * splitUrl('https://api.example.com:8443/v1?q=1#x')
 * // { protocol: 'https:', hostname: 'api.example.com', port: '8443', path: '/v1?q=1' }
 */
export function splitUrl(href: string): UrlTarget {
  const parsed = parseUrl(href);
  const target: UrlTarget = {
    protocol: `${(parsed.protocol ?? 'http').toLowerCase()}:`,
    hostname: (parsed.host ?? []).join('.').toLowerCase(),
    port: parsed.port ?? '',
    path: `/${(parsed.path ?? []).join('/')}${parsed.query === undefined ? '' : `?${parsed.query}`}`,
  };
  if (parsed.auth) target.auth = parsed.auth.join(':');
  return target;
}

/**
 * Resolves a redirect `Location` against the URL it came from (postman-url-encoder's rules:
 * absolute, protocol-relative, path-absolute, query-only, fragment-only or relative path).
 *
 * @example
 * resolveLocation('http://a.test/x/y?q', '../z') // 'http://a.test/x/../z'
 */
export function resolveLocation(base: string, location: string): string {
  if (/^https?:/i.test(location)) return location;
  const parsed = parseUrl(base);
  const protocol = `${(parsed.protocol ?? 'http').toLowerCase()}:`;
  const auth = parsed.auth ? `${parsed.auth.join(':')}@` : '';
  const host = `${(parsed.host ?? []).join('.')}${parsed.port === undefined ? '' : `:${parsed.port}`}`;
  const origin = `${protocol}//${auth}${host}`;
  const pathname = `/${(parsed.path ?? []).join('/')}`;
  const search = parsed.query === undefined ? '' : `?${parsed.query}`;
  if (!location) return origin + pathname + search;
  if (location.startsWith('//') || location.startsWith('\\\\')) return protocol + location;
  if (location[0] === '/' || location[0] === '\\') return origin + location;
  if (location[0] === '#') return origin + pathname + search + location;
  if (location[0] === '?') return origin + pathname + location;
  if (/^[a-z0-9.+-]+:(?:\/\/|\\\\)./i.test(location)) return location;
  return origin + pathname.slice(0, pathname.lastIndexOf('/') + 1) + location;
}

/**
 * Newman's `Url.toString()` of an unresolved definition, for resolving variables in the URL as a
 * string (as postman-runtime does) before parsing it again.
 *
 * @example
 * urlToString({ raw: '', host: ['{{base}}'], query: [{ key: 'a&b', value: '1' }] }) // '{{base}}?a%26b=1'
 */
export function urlToString(url: UrlDefinition): string {
  return urlDefinitionToString(url, { escapeQueryDelimiters: true });
}
