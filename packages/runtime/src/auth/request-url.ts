/**
 * Reading and editing the already-encoded request URL the way postman-runtime's signers see it
 * (`postman-url-encoder`'s `toNodeUrl`) and change it (`request.url.query.add/remove`).
 */
import type { HttpRequest } from '../http/types.ts';

/** The parts of a URL as Node's legacy `url` object names them. */
export interface UrlParts {
  /** Lower case, with the colon: `http:`. */
  protocol: string;
  /** `user:password`, if present. */
  auth?: string;
  /** Hostname with the port as written: `example.com:8080`. */
  host: string;
  /** Lower case, without brackets for IPv6. */
  hostname: string;
  port?: string;
  /** Always starts with `/`. */
  pathname: string;
  /** `''` or `?query` (a bare `?` is kept). */
  search: string;
  /** `''` or `#fragment`. */
  hash: string;
}

const PROTOCOL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * Splits an encoded URL string into its parts.
 *
 * @example
 * splitUrl('https://Example.com:8443/a/b?x=1#top');
 * // → { protocol: 'https:', host: 'example.com:8443', hostname: 'example.com', port: '8443',
 * //     pathname: '/a/b', search: '?x=1', hash: '#top' }
 */
export function splitUrl(url: string): UrlParts {
  let rest = url;
  let protocol = 'http:';
  const protocolMatch = PROTOCOL_RE.exec(rest);
  if (protocolMatch) {
    protocol = `${(protocolMatch[1] ?? 'http').toLowerCase()}:`;
    rest = rest.slice(protocolMatch[0].length);
  }
  let hash = '';
  const hashAt = rest.indexOf('#');
  if (hashAt !== -1) {
    hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  let search = '';
  const queryAt = rest.indexOf('?');
  if (queryAt !== -1) {
    search = rest.slice(queryAt);
    rest = rest.slice(0, queryAt);
  }
  const pathAt = rest.indexOf('/');
  const authority = pathAt === -1 ? rest : rest.slice(0, pathAt);
  const pathname = pathAt === -1 ? '/' : rest.slice(pathAt);
  const at = authority.lastIndexOf('@');
  const auth = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const portMatch = /:(\d*)$/.exec(hostPort);
  const rawHostname = (portMatch ? hostPort.slice(0, portMatch.index) : hostPort).toLowerCase();
  const port = portMatch ? portMatch[1] : undefined;
  const host = port === undefined ? rawHostname : `${rawHostname}:${port}`;
  const hostname =
    rawHostname.startsWith('[') && rawHostname.endsWith(']') ? rawHostname.slice(1, -1) : rawHostname;
  return { protocol, auth, host, hostname, port, pathname, search, hash };
}

/**
 * Pathname plus search, as Node's `url.path`.
 *
 * @example
 * pathWithSearch(splitUrl('http://h/a/b?x=1#f')); // '/a/b?x=1'
 */
export function pathWithSearch(parts: UrlParts): string {
  return parts.pathname + parts.search;
}

// postman-url-encoder's query encode set: C0 controls, DEL, non-ASCII, space " # ' < >; keys also & =.
const QUERY_CHARS = new Set([0x20, 0x22, 0x23, 0x27, 0x3c, 0x3e]);

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

function encodeQueryPart(value: string, isKey: boolean): string {
  // Fast path: nothing to encode (the common case for generated values).
  if (/^[A-Za-z0-9._~!$()*+,;:@/?-]*$/.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    // An existing %XX escape is kept as it is, so nothing gets encoded twice.
    if (byte === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out += String.fromCharCode(byte, bytes[i + 1] as number, bytes[i + 2] as number);
      i += 2;
      continue;
    }
    const encode =
      byte < 0x20 ||
      byte >= 0x7f ||
      QUERY_CHARS.has(byte) ||
      byte === 0x26 /* & */ ||
      (isKey && byte === 0x3d); /* = */
    out += encode ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * One query parameter as postman-url-encoder writes it: `key=value`, or `key` when the value is
 * null/undefined.
 *
 * @example
 * encodeQueryParam('a b', 'c&d'); // 'a%20b=c%26d'
 */
export function encodeQueryParam(key: string, value: string | null | undefined): string {
  const encodedKey = encodeQueryPart(key, true);
  return value === undefined || value === null
    ? encodedKey
    : `${encodedKey}=${encodeQueryPart(value, false)}`;
}

function queryKeyOf(segment: string): string {
  const eq = segment.indexOf('=');
  return eq === -1 ? segment : segment.slice(0, eq);
}

/**
 * Removes query parameters by key, like `Url.removeQueryParams`. postman-runtime compares the key as
 * the user wrote it; the URL here is already encoded, so a key matches as given or in its encoded form.
 *
 * @example
 * removeQueryParams(request, ['access_token']);
 */
export function removeQueryParams(request: HttpRequest, keys: readonly string[]): void {
  const parts = splitUrl(request.url);
  if (parts.search.length <= 1) return;
  const wanted = new Set(keys);
  for (const key of keys) wanted.add(encodeQueryParam(key, undefined));
  const segments = parts.search.slice(1).split('&');
  const kept = segments.filter((segment) => !wanted.has(queryKeyOf(segment)));
  if (kept.length === segments.length) return;
  request.url = replaceSearch(request.url, parts, kept.length ? `?${kept.join('&')}` : '');
}

/**
 * Appends already-encoded `key=value` pieces to the query, before any fragment.
 *
 * @example
 * appendQuery(request, ['oauth_nonce=abc', 'oauth_signature=x%3D']);
 */
export function appendQuery(request: HttpRequest, encodedParams: readonly string[]): void {
  if (encodedParams.length === 0) return;
  const parts = splitUrl(request.url);
  const joined = encodedParams.join('&');
  const search = parts.search.length > 1 ? `${parts.search}&${joined}` : `?${joined}`;
  request.url = replaceSearch(request.url, parts, search);
}

/**
 * Replaces the whole query with already-encoded pieces (none: no `?`).
 *
 * @example
 * setQuery(request, ['a=1', 'b']); // …/path?a=1&b
 */
export function setQuery(request: HttpRequest, encodedParams: readonly string[]): void {
  const parts = splitUrl(request.url);
  request.url = replaceSearch(request.url, parts, encodedParams.length ? `?${encodedParams.join('&')}` : '');
}

function replaceSearch(url: string, parts: UrlParts, search: string): string {
  const beforeSearch = url.length - parts.hash.length - parts.search.length;
  return url.slice(0, beforeSearch) + search + parts.hash;
}

/**
 * The raw query string without `?` (`''` when absent).
 *
 * @example
 * queryString(splitUrl('http://h/?a=1')); // 'a=1'
 */
export function queryString(parts: UrlParts): string {
  return parts.search.startsWith('?') ? parts.search.slice(1) : '';
}
