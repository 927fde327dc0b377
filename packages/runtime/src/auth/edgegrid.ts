/**
 * `edgegrid` (Akamai EG1-HMAC-SHA256). Params: accessToken, clientToken, clientSecret, nonce
 * (default: a UUID), timestamp (default: now as `yyyyMMddTHH:mm:ss+0000`), baseURL (its host is
 * signed instead of the request's), headersToSign (comma-separated), maxBodySize (bytes of a POST
 * body that are hashed, default 131072).
 */
import { createHash, createHmac } from 'node:crypto';
import { optionalText } from './params.ts';
import { uuidV4 } from './random.ts';
import { addHeader, bodyForHash, removeHeader, userHeaders } from './request-parts.ts';
import { splitUrl } from './request-url.ts';
import type { AuthSigner } from './types.ts';

const DEFAULT_MAX_BODY = 131072;

const base64Hmac = (data: string, key: string): string =>
  createHmac('sha256', key).update(data).digest('base64');

/**
 * Akamai's timestamp format.
 *
 * @example
 * edgegridTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5)); // '20240102T03:04:05+0000'
 */
export function edgegridTimestamp(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+0000`;
}

export interface EdgegridInput {
  clientToken: string;
  accessToken: string;
  clientSecret: string;
  timestamp: string;
  nonce: string;
  method: string;
  scheme: string;
  host: string;
  /** Path and query. */
  path: string;
  /** `name:value` pairs, already canonicalised, tab-joined. */
  canonicalHeaders: string;
  bodyHash: string;
}

/**
 * The `Authorization: EG1-HMAC-SHA256 …` value.
 *
 * @example
 * edgegridHeader({ clientToken: 'ct', accessToken: 'at', clientSecret: 'cs', timestamp: '20240102T03:04:05+0000',
 *   nonce: 'n', method: 'GET', scheme: 'https', host: 'h.akamaiapis.net', path: '/', canonicalHeaders: '', bodyHash: '' });
 * // 'EG1-HMAC-SHA256 client_token=ct;access_token=at;timestamp=20240102T03:04:05+0000;nonce=n;signature=…'
 */
export function edgegridHeader(input: EdgegridInput): string {
  const authHeader = `EG1-HMAC-SHA256 client_token=${input.clientToken};access_token=${input.accessToken};timestamp=${input.timestamp};nonce=${input.nonce};`;
  const signingKey = base64Hmac(input.timestamp, input.clientSecret);
  const dataToSign = [
    input.method,
    input.scheme,
    input.host,
    input.path || '/',
    input.canonicalHeaders,
    input.bodyHash,
    authHeader,
  ].join('\t');
  return `${authHeader}signature=${base64Hmac(dataToSign, signingKey)}`;
}

/** The host of a base URL as postman-url-encoder reads it (`https://x.net:8443/p` → `x.net:8443`). */
function hostOf(baseUrl: string): string {
  return splitUrl(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(baseUrl) ? baseUrl : `http://${baseUrl}`).host;
}

/**
 * @example
 * edgegridSigner.sign({ accessToken: 'at', clientToken: 'ct', clientSecret: 'cs' }, request, ctx);
 */
export const edgegridSigner: AuthSigner = {
  type: 'edgegrid',
  sign(params, request, ctx) {
    const accessToken = optionalText(params, 'accessToken');
    const clientToken = optionalText(params, 'clientToken');
    const clientSecret = optionalText(params, 'clientSecret');
    if (!(accessToken && clientToken && clientSecret)) return;
    const url = splitUrl(request.url);
    removeHeader(request, 'Authorization');

    // Header names are matched case-insensitively; a header given twice is not signed at all.
    const byName = new Map<string, string | null>();
    for (const { key, value } of userHeaders(request, ctx)) {
      const name = key.toLowerCase();
      byName.set(name, byName.has(name) ? null : value);
    }
    const rawHeadersToSign = params.headersToSign;
    const headersToSign: unknown[] =
      typeof rawHeadersToSign === 'string'
        ? rawHeadersToSign.split(',')
        : Array.isArray(rawHeadersToSign)
          ? rawHeadersToSign
          : [];
    const canonical: string[] = [];
    for (const entry of headersToSign) {
      if (typeof entry !== 'string') continue;
      const name = entry.trim().toLowerCase();
      const value = byName.get(name);
      if (typeof value !== 'string' || value === '') continue;
      canonical.push(`${name}:${value.trim().replace(/\s+/g, ' ')}`);
    }

    let bodyHash = '';
    if (request.method === 'POST') {
      const body = bodyForHash(request.body);
      if (body.kind === 'bytes') {
        const maxBody = Number(params.maxBodySize || DEFAULT_MAX_BODY);
        const hashed =
          maxBody <= 0
            ? Buffer.alloc(0)
            : body.data.length > maxBody
              ? body.data.subarray(0, maxBody)
              : body.data;
        bodyHash = createHash('sha256').update(hashed).digest('base64');
      }
    }

    const baseUrl = optionalText(params, 'baseURL');
    addHeader(
      request,
      'Authorization',
      edgegridHeader({
        clientToken,
        accessToken,
        clientSecret,
        timestamp: optionalText(params, 'timestamp') ?? edgegridTimestamp(ctx.now()),
        nonce: optionalText(params, 'nonce') ?? uuidV4(ctx),
        method: request.method,
        scheme: url.protocol.replace(/:$/, ''),
        host: baseUrl ? hostOf(baseUrl) : url.host,
        path: url.pathname + url.search,
        canonicalHeaders: canonical.join('\t'),
        bodyHash,
      }),
    );
  },
};
