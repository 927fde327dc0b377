/**
 * URL strings ⇄ URL parts, with the semantics of Postman's URL parser: it never rejects input,
 * it keeps `{{variables}}` intact even when they contain separators (`{{base/url}}`), and it
 * splits host on `.` and path on `/` without decoding anything.
 */
import type { QueryParam, UrlDefinition, VariableDefinition } from './model.ts';

/** `{{…}}` references that contain a URL separator and so must not be split. */
const SEPARATOR_VARIABLE = /\{\{[^{}]*[.:/?#@&\]][^{}]*\}\}/g;

/**
 * Parses a URL string into Postman URL parts. Never throws: whatever cannot be recognised ends up in
 * `host` or `path`, as Postman does.
 *
 * @example
 * parseUrl('https://{{host}}:8080/users/:id?page=2#top')
 * // { raw, protocol: 'https', host: ['{{host}}'], port: '8080', path: ['users', ':id'],
 * //   query: [{ key: 'page', value: '2' }], hash: 'top', variable: [{ key: 'id' }] }
 */
export function parseUrl(raw: string): UrlDefinition {
  const original = raw.trimStart();
  const url: UrlDefinition = { raw: original };
  if (!original) return url;

  // Variables containing separators are blanked out (same length) so that indices found in
  // `masked` can be used to slice the original text.
  const masked = original.replace(SEPARATOR_VARIABLE, (match) => '_'.repeat(match.length));
  let end = masked.length;

  const hashAt = masked.indexOf('#');
  if (hashAt !== -1) {
    url.hash = original.slice(hashAt + 1);
    end = hashAt;
  }
  const queryAt = masked.slice(0, end).indexOf('?');
  if (queryAt !== -1) {
    url.query = splitQuery(original, masked, queryAt + 1, end);
    end = queryAt;
  }

  // Backslashes before the query count as slashes (outside variables only).
  const head = backslashesToSlashes(original.slice(0, end), masked.slice(0, end));
  const maskedHead = masked.slice(0, end).replace(/\\/g, '/');
  let start = 0;

  const protocolAt = maskedHead.indexOf('://');
  if (protocolAt !== -1) {
    url.protocol = head.slice(0, protocolAt);
    start = protocolAt + 3;
    const isFile = url.protocol.toLowerCase() === 'file';
    // `http:////host` → `http://host`; `file:////path` → `file:///path`
    while (maskedHead[start] === '/') start++;
    if (isFile && start > protocolAt + 3) start--;
  }

  const pathAt = maskedHead.indexOf('/', start);
  if (pathAt !== -1) {
    url.path = splitOn(head, maskedHead, pathAt + 1, end, '/');
    end = pathAt;
  }

  const authAt = maskedHead.lastIndexOf('@', end - 1);
  if (authAt >= start && authAt < end) {
    const userInfo = head.slice(start, authAt);
    const colon = maskedHead.indexOf(':', start);
    url.auth =
      colon !== -1 && colon < authAt
        ? { user: head.slice(start, colon), password: head.slice(colon + 1, authAt) }
        : { user: userInfo };
    start = authAt + 1;
  }

  const portAt = maskedHead.lastIndexOf(':', end - 1);
  if (portAt >= start && portAt < end && !maskedHead.slice(portAt + 1, end).includes(']')) {
    url.port = head.slice(portAt + 1, end);
    end = portAt;
  }

  if (end > start) url.host = splitOn(head, maskedHead, start, end, '.');

  const variable = pathVariablesOf(url.path);
  if (variable.length) url.variable = variable;
  return url;
}

/**
 * Builds the URL string from parts, as Postman does when `raw` is missing: disabled query
 * parameters are left out, a `null` value gives a bare key.
 *
 * @example urlToString({ raw: '', protocol: 'http', host: ['a', 'com'], path: ['x'] }) // 'http://a.com/x'
 */
export function urlToString(url: Omit<UrlDefinition, 'raw'> & { raw?: string }): string {
  let out = '';
  if (url.protocol) out += url.protocol.endsWith('://') ? url.protocol : `${url.protocol}://`;
  if (url.auth) {
    let userInfo: string | undefined = typeof url.auth.user === 'string' ? url.auth.user : undefined;
    if (typeof url.auth.password === 'string') userInfo = `${userInfo ?? ''}:${url.auth.password}`;
    if (userInfo !== undefined) out += `${userInfo}@`;
  }
  if (url.host) out += url.host.join('.');
  if (url.port !== undefined && url.port !== null) out += `:${url.port}`;
  if (url.path) out += `/${url.path.join('/')}`;
  if (url.query?.length) {
    const enabled = url.query.filter((param) => !param.disabled);
    if (enabled.length) out += `?${enabled.map(queryParamToString).join('&')}`;
  }
  if (typeof url.hash === 'string') out += `#${url.hash}`;
  return out;
}

function queryParamToString(param: QueryParam): string {
  const key = param.key ?? '';
  return param.value === null || param.value === undefined ? key : `${key}=${param.value}`;
}

function backslashesToSlashes(original: string, masked: string): string {
  if (!masked.includes('\\')) return original;
  let out = '';
  for (let i = 0; i < original.length; i++) out += masked[i] === '\\' ? '/' : original[i];
  return out;
}

function splitOn(text: string, masked: string, from: number, to: number, separator: string): string[] {
  const parts: string[] = [];
  let segmentStart = from;
  for (let i = masked.indexOf(separator, from); i !== -1 && i < to; i = masked.indexOf(separator, i + 1)) {
    parts.push(text.slice(segmentStart, i));
    segmentStart = i + 1;
  }
  parts.push(text.slice(segmentStart, to));
  return parts;
}

/** `a=1&b&&c=` → `[{a,'1'}, {b,null}, {null,null}, {c,''}]`; a trailing empty segment is `{'' , null}`. */
function splitQuery(text: string, masked: string, from: number, to: number): QueryParam[] {
  const segments = splitOn(text, masked, from, to, '&');
  const last = segments.length - 1;
  return segments.map((segment, index) => {
    if (segment === '' && index !== last) return { key: null, value: null };
    const equals = segment.indexOf('=');
    return equals === -1
      ? { key: segment, value: null }
      : { key: segment.slice(0, equals), value: segment.slice(equals + 1) };
  });
}

/** `:id` and `:id.json` segments name path variable `id`; each name once. */
function pathVariablesOf(path: string[] | undefined): VariableDefinition[] {
  const variables: VariableDefinition[] = [];
  if (!path) return variables;
  const seen = new Set<string>();
  for (const segment of path) {
    if (!segment.startsWith(':')) continue;
    const dot = segment.indexOf('.');
    const key = segment.slice(1, dot === -1 ? undefined : dot);
    if (key && !seen.has(key)) {
      seen.add(key);
      variables.push({ key });
    }
  }
  return variables;
}
