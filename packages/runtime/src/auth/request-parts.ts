/**
 * Header and body edits shared by the signers, with postman-runtime's semantics (`removeHeader`,
 * `upsertHeader`, `headers.get`, what each body mode contributes to a payload hash).
 */
import type { HeaderEntry, HttpBody, HttpRequest } from '../http/types.ts';
import type { AuthContext } from './types.ts';

/**
 * Removes every header named `name` (case-insensitively unless `ignoreCase` is false, as
 * `Request.removeHeader` without options compares exactly).
 *
 * @example
 * removeHeader(request, 'Authorization');
 */
export function removeHeader(request: HttpRequest, name: string, ignoreCase = true): void {
  const wanted = ignoreCase ? name.toLowerCase() : name;
  request.headers = request.headers.filter((h) => (ignoreCase ? h.key.toLowerCase() : h.key) !== wanted);
}

/**
 * Appends a header.
 *
 * @example
 * addHeader(request, 'Authorization', 'Bearer t');
 */
export function addHeader(request: HttpRequest, key: string, value: string): void {
  request.headers.push({ key, value });
}

/**
 * Updates the first header with exactly this key, or appends one (`Request.upsertHeader`).
 *
 * @example
 * upsertHeader(request, 'X-Amz-Date', '20150830T123600Z');
 */
export function upsertHeader(request: HttpRequest, key: string, value: string): void {
  const existing = request.headers.find((h) => h.key === key);
  if (existing) existing.value = value;
  else request.headers.push({ key, value });
}

/**
 * The headers the user set, in order (what postman-runtime's signers see).
 *
 * @example
 * userHeaders(request, { ...ctx, isSystemHeader: (h) => h.key === 'User-Agent' });
 */
export function userHeaders(request: HttpRequest, ctx: AuthContext): HeaderEntry[] {
  const isSystem = ctx.isSystemHeader;
  return isSystem ? request.headers.filter((h) => !isSystem(h)) : request.headers;
}

/**
 * The value of the last user header with this name, compared case-insensitively (`headers.get`).
 *
 * @example
 * lastUserHeader(request, ctx, 'content-type'); // 'text/plain'
 */
export function lastUserHeader(request: HttpRequest, ctx: AuthContext, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const headers = userHeaders(request, ctx);
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i];
    if (header && header.key.toLowerCase() === wanted) return header.value;
  }
  return undefined;
}

/**
 * What a signer can hash of the body: nothing (no body, or an empty one), the bytes, or
 * `unsupported` for multipart bodies, which postman-runtime never hashes.
 */
export type BodyForHash = { kind: 'empty' } | { kind: 'bytes'; data: Buffer } | { kind: 'unsupported' };

/**
 * Classifies the request body for payload hashing.
 *
 * @example
 * bodyForHash({ mode: 'raw', data: Buffer.from('x') }); // { kind: 'bytes', data: <Buffer 78> }
 */
export function bodyForHash(body: HttpBody | undefined): BodyForHash {
  if (!body || body.data.length === 0) return { kind: 'empty' };
  if (body.mode === 'formdata') return { kind: 'unsupported' };
  return { kind: 'bytes', data: body.data };
}

/**
 * Serialises urlencoded fields like postman-request: repeated keys grouped at the first one's place,
 * `querystring.escape` plus RFC 3986's `!'()*`.
 *
 * @example
 * encodeForm([{ key: 'a', value: '1' }, { key: 'b', value: 'x y' }, { key: 'a', value: '2' }]);
 * // 'a=1&a=2&b=x%20y'
 */
export function encodeForm(fields: readonly HeaderEntry[]): string {
  const groups = new Map<string, string[]>();
  for (const field of fields) {
    const values = groups.get(field.key);
    if (values) values.push(field.value);
    else groups.set(field.key, [field.value]);
  }
  const pieces: string[] = [];
  for (const [key, values] of groups) {
    const encodedKey = formEscape(key);
    for (const value of values) pieces.push(`${encodedKey}=${formEscape(value)}`);
  }
  return pieces.join('&');
}

function formEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Replaces the fields of a urlencoded body and re-serialises it (and a Content-Length header, if any).
 *
 * @example
 * replaceFormFields(request, [{ key: 'a', value: '1' }, { key: 'oauth_nonce', value: 'n' }]);
 */
export function replaceFormFields(request: HttpRequest, fields: HeaderEntry[]): void {
  const body = request.body;
  if (body?.mode !== 'urlencoded') return;
  const data = Buffer.from(encodeForm(fields), 'utf8');
  request.body = { mode: 'urlencoded', fields, data };
  for (const header of request.headers) {
    if (header.key.toLowerCase() === 'content-length') header.value = String(data.length);
  }
}
