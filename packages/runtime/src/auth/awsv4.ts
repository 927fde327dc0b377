/**
 * `awsv4`: AWS Signature Version 4 as postman-runtime applies it. Params: accessKey, secretKey,
 * region (default us-east-1), service (default execute-api), sessionToken, addAuthDataToQuery.
 * Header mode adds `X-Amz-Content-Sha256` (only for a non-empty, non-multipart body), `Host`,
 * `X-Amz-Security-Token`, `X-Amz-Date` and `Authorization`; query mode presigns the URL and still
 * adds `Host`. Only the user's headers are signed (see `AuthContext.isSystemHeader`).
 */
import { createHash } from 'node:crypto';
import { type HeaderValue, signSigV4 } from './aws-sigv4.ts';
import { optionalText } from './params.ts';
import { bodyForHash, removeHeader, upsertHeader, userHeaders } from './request-parts.ts';
import { appendQuery, pathWithSearch, queryString, removeQueryParams, splitUrl } from './request-url.ts';
import type { AuthSigner } from './types.ts';

const REMOVED_QUERY_PARAMS = [
  'X-Amz-Security-Token',
  'X-Amz-Date',
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
];

function rfc3986Escape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryKeys(url: string): Set<string> {
  const keys = new Set<string>();
  for (const segment of queryString(splitUrl(url)).split('&')) {
    if (!segment) continue;
    const eq = segment.indexOf('=');
    keys.add(eq === -1 ? segment : segment.slice(0, eq));
  }
  return keys;
}

/**
 * @example
 * awsv4Signer.sign({ accessKey: 'AKID', secretKey: 'secret', region: 'eu-west-1', service: 's3' }, request, ctx);
 * // Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/s3/aws4_request, SignedHeaders=…, Signature=…
 */
export const awsv4Signer: AuthSigner = {
  type: 'awsv4',
  sign(params, request, ctx) {
    // postman-runtime reads the URL before it removes stale X-Amz-* query parameters.
    const url = splitUrl(request.url);
    for (const name of ['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256']) {
      removeHeader(request, name);
    }
    removeQueryParams(request, REMOVED_QUERY_PARAMS);

    const headers: Record<string, HeaderValue> = {};
    for (const { key, value } of userHeaders(request, ctx)) {
      const existing = headers[key];
      if (existing === undefined) headers[key] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else headers[key] = [existing, value];
    }
    const userKeys = new Set(Object.keys(headers));
    const signQuery = Boolean(params.addAuthDataToQuery);

    if (!signQuery) {
      const body = bodyForHash(request.body);
      if (body.kind === 'bytes') {
        const hash = createHash('sha256').update(body.data).digest('hex');
        upsertHeader(request, 'X-Amz-Content-Sha256', hash);
        headers['X-Amz-Content-Sha256'] = hash;
      }
    }

    const signed = signSigV4({
      method: request.method,
      path: pathWithSearch(url),
      headers,
      host: url.host,
      service: optionalText(params, 'service') ?? 'execute-api',
      region: optionalText(params, 'region') ?? 'us-east-1',
      accessKeyId: String(params.accessKey),
      secretAccessKey: String(params.secretKey),
      sessionToken: optionalText(params, 'sessionToken'),
      signQuery,
      now: ctx.now(),
    });

    if (signQuery && signed.query) {
      const present = queryKeys(request.url);
      const added: string[] = [];
      for (const [key, value] of Object.entries(signed.query)) {
        if (!key.startsWith('X-Amz-') || present.has(key)) continue;
        for (const one of Array.isArray(value) ? value : [value])
          added.push(`${key}=${rfc3986Escape(String(one))}`);
      }
      appendQuery(request, added);
    }
    for (const [key, value] of Object.entries(signed.headers)) {
      // The user's own headers went in unchanged; only what the signer added is written back.
      if (userKeys.has(key) && key !== 'X-Amz-Content-Sha256') continue;
      // A Host the HTTP layer already added is updated in place: two Host headers would be refused.
      const existingHost =
        key === 'Host' ? request.headers.find((h) => h.key.toLowerCase() === 'host') : undefined;
      if (existingHost) existingHost.value = String(value);
      else upsertHeader(request, key, String(value));
    }
  },
};
