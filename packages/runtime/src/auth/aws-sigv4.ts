/**
 * AWS Signature Version 4 with the canonicalisation rules of the `aws4` library postman-runtime
 * uses: headers as a plain object (case-sensitive keys, a `Date` header sets the signing time),
 * non-S3 paths normalised and encoded once more, S3 paths decoded first, query values sorted.
 */
import { createHash, createHmac } from 'node:crypto';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';

export type HeaderValue = string | string[];

export interface SigV4Request {
  method: string;
  /** Path and query as sent: `/a/b?x=1`. */
  path: string;
  /** Header name (as written) → value; repeated headers are arrays. */
  headers: Record<string, HeaderValue>;
  /** `host[:port]`, used for a Host header when there is none. */
  host: string;
  service: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Presign: put the auth data in the query instead of headers. */
  signQuery: boolean;
  /** Now, in epoch ms. */
  now: number;
}

export interface SigV4Result {
  /** The headers after signing, in insertion order (input first, then Host, X-Amz-*, Authorization). */
  headers: Record<string, HeaderValue>;
  /** Path plus the signed query, encoded as aws4 writes it. */
  path: string;
  /** The parsed query after signing (presign: with the X-Amz-* parameters). */
  query: Record<string, string | string[]> | undefined;
}

const IGNORED_HEADERS = new Set([
  'authorization',
  'connection',
  'x-amzn-trace-id',
  'user-agent',
  'expect',
  'presigned-expires',
  'range',
]);

const rfc3986 = (value: string): string =>
  value.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encodeFull = (value: unknown): string => rfc3986(encodeURIComponent(String(value)));
const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** `YYYYMMDDTHHMMSSZ` of a `Date` header if there is one, else of `now`. */
function amzDateTime(headers: Record<string, HeaderValue>, now: number): string {
  const dateHeader = headers.Date || headers.date;
  const date = dateHeader ? new Date(String(dateHeader)) : new Date(now);
  return date.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

function splitPath(rawPath: string): { path: string; query: Record<string, string | string[]> | undefined } {
  let path = rawPath || '/';
  if (/[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/.test(path)) path = encodeURI(decodeURI(path));
  const queryAt = path.indexOf('?');
  if (queryAt < 0) return { path, query: undefined };
  return {
    path: path.slice(0, queryAt),
    query: { ...parseQuery(path.slice(queryAt + 1)) } as Record<string, string | string[]>,
  };
}

function canonicalPath(path: string, service: string): string {
  if (path === '/') return path;
  const isS3 = service === 's3';
  const source = isS3 ? path : path.replace(/\/{2,}/g, '/');
  const pieces: string[] = [];
  for (let piece of source.split('/')) {
    if (!isS3 && piece === '..') pieces.pop();
    else if (isS3 || piece !== '.') {
      if (isS3) piece = decodeURIComponent(piece.replace(/\+/g, ' '));
      pieces.push(encodeFull(piece));
    }
  }
  let result = pieces.join('/');
  if (result[0] !== '/') result = `/${result}`;
  return isS3 ? result.replace(/%2F/g, '/') : result;
}

function canonicalQuery(query: Record<string, unknown> | undefined, service: string): string {
  if (!query) return '';
  const reduced = new Map<string, unknown>();
  for (const key of Object.keys(query)) {
    if (!key) continue;
    const value = query[key];
    reduced.set(encodeFull(key), Array.isArray(value) && service === 's3' ? value[0] : value);
  }
  const pieces: string[] = [];
  for (const key of [...reduced.keys()].sort()) {
    const value = reduced.get(key);
    if (Array.isArray(value)) {
      for (const encoded of value.map(encodeFull).sort()) pieces.push(`${key}=${encoded}`);
    } else pieces.push(`${key}=${encodeFull(value)}`);
  }
  return pieces.join('&');
}

function signedHeaderEntries(headers: Record<string, HeaderValue>): Array<[string, string]> {
  return Object.keys(headers)
    .map((key): [string, string] => [key.toLowerCase(), String(headers[key])])
    .filter(([name]) => !IGNORED_HEADERS.has(name))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * Signs a request (SigV4, `AWS4-HMAC-SHA256`).
 *
 * @example
 * signSigV4({ method: 'GET', path: '/', headers: {}, host: 'example.amazonaws.com', service: 'service',
 *   region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '…', signQuery: false,
 *   now: Date.UTC(2015, 7, 30, 12, 36) }).headers.Authorization;
 * // 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa0…'
 */
export function signSigV4(input: SigV4Request): SigV4Result {
  const service = input.service === 'email' ? 'ses' : input.service;
  const headers: Record<string, HeaderValue> = { ...input.headers };
  if (!headers.Host && !headers.host) headers.Host = input.host;
  const parsed = splitPath(input.path);
  let datetime: string | undefined;
  const dateTime = () => {
    datetime ??= amzDateTime(headers, input.now);
    return datetime;
  };
  const credentialScope = () => `${dateTime().slice(0, 8)}/${input.region}/${service}/aws4_request`;
  const signedHeaderNames = () =>
    signedHeaderEntries(headers)
      .map(([name]) => name)
      .join(';');

  if (input.signQuery) {
    const query: Record<string, unknown> = parsed.query ?? {};
    if (input.sessionToken) query['X-Amz-Security-Token'] = input.sessionToken;
    if (service === 's3' && !query['X-Amz-Expires']) query['X-Amz-Expires'] = 86400;
    if (query['X-Amz-Date']) datetime = String(query['X-Amz-Date']);
    else query['X-Amz-Date'] = dateTime();
    query['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256';
    query['X-Amz-Credential'] = `${input.accessKeyId}/${credentialScope()}`;
    query['X-Amz-SignedHeaders'] = signedHeaderNames();
    parsed.query = query as Record<string, string | string[]>;
  } else {
    const has = (name: string) => headers[name] || headers[name.toLowerCase()];
    if (input.sessionToken && !has('X-Amz-Security-Token'))
      headers['X-Amz-Security-Token'] = input.sessionToken;
    if (service === 's3' && !has('X-Amz-Content-Sha256')) headers['X-Amz-Content-Sha256'] = sha256Hex('');
    const presetDate = has('X-Amz-Date');
    if (presetDate) datetime = String(presetDate);
    else headers['X-Amz-Date'] = dateTime();
    delete headers.Authorization;
    delete headers.authorization;
  }

  let payloadHash: string;
  if (service === 's3' && input.signQuery) payloadHash = 'UNSIGNED-PAYLOAD';
  else
    payloadHash = String(headers['X-Amz-Content-Sha256'] || headers['x-amz-content-sha256'] || sha256Hex(''));
  const entries = signedHeaderEntries(headers);
  const canonicalRequest = [
    input.method || 'GET',
    canonicalPath(parsed.path, service),
    canonicalQuery(parsed.query, service),
    `${entries.map(([name, value]) => `${name}:${value.trim().replace(/\s+/g, ' ')}`).join('\n')}\n`,
    entries.map(([name]) => name).join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', dateTime(), credentialScope(), sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const date = dateTime().slice(0, 8);
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, date), input.region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');

  if (input.signQuery && parsed.query) parsed.query['X-Amz-Signature'] = signature;
  else {
    headers.Authorization = [
      `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${credentialScope()}`,
      `SignedHeaders=${entries.map(([name]) => name).join(';')}`,
      `Signature=${signature}`,
    ].join(', ');
  }
  const query = parsed.query;
  if (query && query[''] != null) delete query[''];
  const path = query ? `${parsed.path}?${rfc3986(stringifyQuery(query))}` : parsed.path;
  return { headers, path, query };
}
