/**
 * `hawk` (hapijs/hawk header scheme, as postman-request's `hawk.js` builds it). Params: authId,
 * authKey, algorithm (sha1 | sha256), user (unused by the header), nonce, extraData (`ext`), app,
 * delegation (`dlg`), timestamp, includePayloadHash. A missing nonce is 6 random letters/digits; a
 * missing timestamp is now in seconds.
 */
import { createHash, createHmac } from 'node:crypto';
import { parse as legacyParseUrl } from 'node:url';
import type { HttpRequest } from '../http/types.ts';
import { optionalText } from './params.ts';
import { randomString, unixSeconds } from './random.ts';
import { addHeader, bodyForHash, lastUserHeader, removeHeader } from './request-parts.ts';
import type { AuthContext, AuthSigner } from './types.ts';

export interface HawkArtifacts {
  id: string;
  key: string;
  algorithm: string;
  timestamp: string;
  nonce: string;
  method: string;
  /** Path and query. */
  resource: string;
  host: string;
  port: string;
  hash?: string;
  ext?: string;
  app?: string;
  dlg?: string;
}

/**
 * The `Authorization: Hawk …` value; `''` when the algorithm is not sha1/sha256 (as hawk.js).
 *
 * @example
 * hawkHeader({ id: 'dh37fgj492je', key: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn', algorithm: 'sha256',
 *   timestamp: '1353832234', nonce: 'j4h3g2', method: 'GET', resource: '/resource/1?b=1&a=2',
 *   host: 'example.com', port: '8000', ext: 'some-app-ext-data' });
 * // 'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="'
 */
export function hawkHeader(a: HawkArtifacts): string {
  if (!a.id || !a.key || (a.algorithm !== 'sha1' && a.algorithm !== 'sha256')) return '';
  let normalized = `hawk.1.header\n${a.timestamp}\n${a.nonce}\n${a.method.toUpperCase()}\n${a.resource}\n${a.host.toLowerCase()}\n${a.port}\n${a.hash ?? ''}\n`;
  // hawk.js escapes only the first backslash and newline here (String#replace with a string).
  if (a.ext) normalized += a.ext.replace('\\', '\\\\').replace('\n', '\\n');
  normalized += '\n';
  if (a.app) normalized += `${a.app}\n${a.dlg ?? ''}\n`;
  const mac = createHmac(a.algorithm, a.key).update(normalized).digest('base64');
  let header = `Hawk id="${a.id}", ts="${a.timestamp}", nonce="${a.nonce}`;
  if (a.hash) header += `", hash="${a.hash}`;
  if (a.ext !== undefined && a.ext !== '')
    header += `", ext="${a.ext.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}`;
  header += `", mac="${mac}"`;
  if (a.app) header += `, app="${a.app}${a.dlg ? `", dlg="${a.dlg}` : ''}"`;
  return header;
}

/** The Hawk payload hash: `hawk.1.payload`, the bare content type, the body. Undefined for multipart/empty bodies. */
function payloadHash(
  request: HttpRequest,
  ctx: AuthContext,
  algorithm: string | undefined,
): string | undefined {
  const body = bodyForHash(request.body);
  if (!algorithm || body.kind !== 'bytes') return undefined;
  const contentType = lastUserHeader(request, ctx, 'content-type');
  return createHash(algorithm)
    .update('hawk.1.payload\n')
    .update(`${contentType ? contentType.split(';')[0]?.trim().toLowerCase() : ''}\n`)
    .update(body.data)
    .update('\n')
    .digest('base64');
}

/**
 * @example
 * hawkSigner.sign({ authId: 'id', authKey: 'key', algorithm: 'sha256' }, request, ctx);
 * // Authorization: Hawk id="id", ts="…", nonce="…", mac="…"
 */
export const hawkSigner: AuthSigner = {
  type: 'hawk',
  sign(params, request, ctx) {
    const id = optionalText(params, 'authId');
    const key = optionalText(params, 'authKey');
    if (!id || !key) return;
    removeHeader(request, 'Authorization');
    const algorithm = optionalText(params, 'algorithm');
    // hawk.js reads the URL with Node's legacy parser, whose escaping (`|` → %7C, `\` → /) counts here.
    const url = legacyParseUrl(request.url);
    const hash = params.includePayloadHash ? payloadHash(request, ctx, algorithm) : undefined;
    addHeader(
      request,
      'Authorization',
      hawkHeader({
        id,
        key,
        algorithm: algorithm ?? '',
        timestamp: optionalText(params, 'timestamp') ?? String(unixSeconds(ctx)),
        nonce: optionalText(params, 'nonce') ?? randomString(ctx, 6),
        method: request.method,
        resource: (url.pathname ?? '') + (url.search ?? ''),
        host: url.hostname ?? '',
        port: url.port || (url.protocol === 'http:' ? '80' : '443'),
        hash,
        ext:
          params.extraData === undefined || params.extraData === null ? undefined : String(params.extraData),
        app: optionalText(params, 'app'),
        dlg: optionalText(params, 'delegation'),
      }),
    );
  },
};
