/**
 * Header list helpers and the system headers postman-runtime adds to every request.
 */
import { uuidV4 } from '../random.ts';
import type { HeaderEntry } from './types.ts';

/**
 * Index of the last header named `name` (case-insensitive), or -1.
 *
 * @example
 * findHeaderIndex([{ key: 'Content-Type', value: 'a' }], 'content-type') // 0
 */
export function findHeaderIndex(headers: readonly HeaderEntry[], name: string): number {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i];
    if (header && header.key.length === lower.length && header.key.toLowerCase() === lower) return i;
  }
  return -1;
}

/**
 * The value of the last header named `name` (case-insensitive).
 *
 * @example
 * getHeader([{ key: 'Accept', value: '*\/*' }], 'accept') // '*\/*'
 */
export function getHeader(headers: readonly HeaderEntry[], name: string): string | undefined {
  const index = findHeaderIndex(headers, name);
  return index === -1 ? undefined : headers[index]?.value;
}

/** True when a header named `name` is present. */
export function hasHeader(headers: readonly HeaderEntry[], name: string): boolean {
  return findHeaderIndex(headers, name) !== -1;
}

/**
 * Sets a header the way postman-request's `setHeader` does: an existing header keeps its position
 * and the case of its name, and extra duplicates are removed; a new header goes last.
 *
 * @example
 * setHeader(headers, 'Referer', 'http://a.test/')
 */
export function setHeader(headers: HeaderEntry[], name: string, value: string): void {
  const lower = name.toLowerCase();
  let kept = -1;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i];
    if (!header || header.key.toLowerCase() !== lower) continue;
    if (kept === -1) {
      kept = i;
      headers[i] = { key: header.key, value };
    } else {
      headers.splice(i, 1);
      i--;
    }
  }
  if (kept === -1) headers.push({ key: name, value });
}

/**
 * Removes every header named `name` (case-insensitive).
 *
 * @example
 * removeHeader(headers, 'authorization')
 */
export function removeHeader(headers: HeaderEntry[], name: string): void {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) {
    if (headers[i]?.key.toLowerCase() === lower) headers.splice(i, 1);
  }
}

/** postman-runtime's `disabledSystemHeaders` check: keys are matched in lower case only, as Postman does. */
export function isSystemHeaderDisabled(
  disabled: Record<string, boolean> | undefined,
  lowerName: string,
): boolean {
  return disabled !== undefined && disabled[lowerName] === true;
}

/**
 * Header entries the runtime added (system headers, a body's Content-Type). postman-runtime signs
 * requests before adding these, so signers that cover headers (awsv4, hawk, edgegrid) skip them.
 */
const addedByRuntime = new WeakSet<HeaderEntry>();

export function isSystemHeader(header: HeaderEntry): boolean {
  return addedByRuntime.has(header);
}

/** Appends a header the runtime adds on its own (see `isSystemHeader`). */
export function pushSystemHeader(headers: HeaderEntry[], key: string, value: string): void {
  const entry = { key, value };
  addedByRuntime.add(entry);
  headers.push(entry);
}

/**
 * Appends the system headers postman-runtime adds, in its order, skipping any the request already
 * sets and any disabled by `disabledSystemHeaders`.
 *
 * @example
 * addSystemHeaders(headers, { userAgent: 'Postern/1.0', host: 'api.example.com' })
 * // User-Agent, Accept, Cache-Control, Postman-Token, Host, Accept-Encoding, Connection
 */
export function addSystemHeaders(
  headers: HeaderEntry[],
  options: { userAgent: string; host: string; disabled?: Record<string, boolean> },
): void {
  for (const [key, lower] of SYSTEM_HEADERS) {
    if (isSystemHeaderDisabled(options.disabled, lower) || hasHeader(headers, lower)) continue;
    pushSystemHeader(headers, key, systemHeaderValue(lower, options));
  }
}

/** postman-runtime's system headers, in the order it adds them. */
const SYSTEM_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['User-Agent', 'user-agent'],
  ['Accept', 'accept'],
  ['Cache-Control', 'cache-control'],
  ['Postman-Token', 'postman-token'],
  ['Host', 'host'],
  ['Accept-Encoding', 'accept-encoding'],
  ['Connection', 'connection'],
];

function systemHeaderValue(lower: string, options: { userAgent: string; host: string }): string {
  switch (lower) {
    case 'user-agent':
      return options.userAgent;
    case 'accept':
      return '*/*';
    case 'cache-control':
      return 'no-cache';
    case 'postman-token':
      return uuidV4();
    case 'host':
      return options.host;
    case 'accept-encoding':
      return 'gzip, deflate, br';
    default:
      return 'keep-alive';
  }
}
