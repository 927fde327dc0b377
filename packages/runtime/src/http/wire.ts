/**
 * The headers of one hop as they go on the wire: what postman-request adds after the runtime
 * (body Content-Type for form and file bodies, Content-Length, Cookie, URL credentials), minus the
 * system headers `disabledSystemHeaders` removes.
 */
import { findHeaderIndex, getHeader, isSystemHeaderDisabled, removeHeader, setHeader } from './headers.ts';
import { boundaryFromContentType } from './multipart.ts';
import type { HeaderEntry, HttpBody, ProtocolProfile } from './types.ts';

/** Methods for which postman-request (like Node) sends no `Content-Length: 0` without a body. */
const NO_LENGTH_WITHOUT_BODY = new Set(['GET', 'HEAD', 'TRACE', 'DELETE', 'CONNECT', 'OPTIONS']);

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\b/;

export interface WireInput {
  method: string;
  headers: readonly HeaderEntry[];
  body?: HttpBody;
  profile: ProtocolProfile;
  /** Cookies from the jar for this hop's URL ('' when none). */
  jarCookies: string;
  /** The `Cookie` header the request had on its first hop, if any. */
  originalCookie?: string;
  /** `user[:password]` from the URL, still percent-encoded. */
  urlAuth?: string;
}

function bodyContentType(
  body: HttpBody,
  current: string | undefined,
  allowOverride: boolean,
): string | undefined {
  // With Content-Type in disabledSystemHeaders, a header the user set is kept as it is.
  if (current !== undefined && allowOverride) return undefined;
  switch (body.mode) {
    case 'urlencoded':
      return current !== undefined && FORM_CONTENT_TYPE.test(current)
        ? undefined
        : 'application/x-www-form-urlencoded';
    case 'formdata':
      return boundaryFromContentType(current) ? undefined : `multipart/form-data; boundary=${body.boundary}`;
    case 'file':
      return current === undefined ? body.contentType : undefined;
    default:
      return undefined;
  }
}

function basicAuthFromUrl(userinfo: string): string {
  const [user = '', ...rest] = userinfo.split(':').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return `Basic ${Buffer.from(`${user}:${rest.join(':')}`).toString('base64')}`;
}

/**
 * Computes the headers for one hop. The input list is not modified.
 *
 * @example
 * wireHeaders({ method: 'POST', headers, body, profile: {}, jarCookies: 'a=1' })
 */
export function wireHeaders(input: WireInput): HeaderEntry[] {
  const { body, profile } = input;
  const disabled = profile.disabledSystemHeaders;
  const headers = input.headers.slice();

  if (input.urlAuth !== undefined && findHeaderIndex(headers, 'authorization') === -1) {
    headers.push({ key: 'Authorization', value: basicAuthFromUrl(input.urlAuth) });
  }

  if (body) {
    const contentTypeDisabled = isSystemHeaderDisabled(disabled, 'content-type');
    const current = getHeader(headers, 'content-type');
    const contentType = bodyContentType(body, current, contentTypeDisabled);
    if (contentType !== undefined && !(contentTypeDisabled && current === undefined)) {
      setHeader(headers, 'Content-Type', contentType);
    }
  }

  if (
    findHeaderIndex(headers, 'content-length') === -1 &&
    !isSystemHeaderDisabled(disabled, 'content-length')
  ) {
    if (body) headers.push({ key: 'Content-Length', value: String(body.data.length) });
    else if (!NO_LENGTH_WITHOUT_BODY.has(input.method)) headers.push({ key: 'Content-Length', value: '0' });
  }

  if (input.jarCookies) {
    const cookie = input.originalCookie ? `${input.originalCookie}; ${input.jarCookies}` : input.jarCookies;
    setHeader(headers, 'Cookie', cookie);
  } else if (input.originalCookie !== undefined) {
    setHeader(headers, 'Cookie', input.originalCookie);
  } else {
    // A redirect hop carries the previous hop's headers; its jar cookies must not leak to this URL.
    removeHeader(headers, 'cookie');
  }
  return headers;
}

/** Headers that would break request framing or the pooled connection: never sent from a request. */
const UNSENDABLE = new Set(['transfer-encoding', 'keep-alive', 'upgrade', 'expect']);

/**
 * Flattens headers for the wire: repeated names (same case) are sent together at the first one's
 * place, as postman-runtime's header object does, and a name repeated in another case replaces the
 * earlier one there; only one Host and Content-Length go out, and a Connection value other than
 * keep-alive/close is dropped (the agent manages the connection).
 *
 * @example
 * flattenHeaders([{ key: 'A', value: '1' }, { key: 'B', value: '2' }, { key: 'A', value: '3' }])
 * // ['A', '1', 'A', '3', 'B', '2']
 * flattenHeaders([{ key: 'X-A', value: '1' }, { key: 'x-a', value: '2' }]) // ['x-a', '2']
 */
export function flattenHeaders(headers: readonly HeaderEntry[]): string[] {
  const order: string[] = [];
  const values = new Map<string, string[]>();
  let sawHost = false;
  let sawLength = false;
  for (const { key, value } of headers) {
    if (!key) continue;
    const lower = key.toLowerCase();
    if (UNSENDABLE.has(lower)) continue;
    if (lower === 'host') {
      if (sawHost) continue;
      sawHost = true;
    } else if (lower === 'content-length') {
      if (sawLength) continue;
      sawLength = true;
    } else if (lower === 'connection') {
      const token = value.trim().toLowerCase();
      if (token !== 'keep-alive' && token !== 'close') continue;
    }
    const existing = values.get(key);
    if (existing) existing.push(value);
    else {
      values.set(key, [value]);
      order.push(key);
    }
  }
  // Names that differ only in case: the later one takes the earlier one's place, with its own
  // case and values (what postman-request sends; same-case repeats all go out, as above).
  const slots: string[] = [];
  const slotOf = new Map<string, number>();
  for (const key of order) {
    const lower = key.toLowerCase();
    const slot = slotOf.get(lower);
    if (slot === undefined) {
      slotOf.set(lower, slots.length);
      slots.push(key);
    } else {
      slots[slot] = key;
    }
  }
  const flat: string[] = [];
  for (const key of slots) {
    for (const value of values.get(key) ?? []) flat.push(key, value);
  }
  return flat;
}
