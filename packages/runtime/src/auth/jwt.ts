/**
 * `jwt`: builds and signs a JWT from the params, as postman-runtime (with `jose`) does. Params:
 * algorithm (HS256/384/512, RS*, PS*, ES*), secret, isSecretBase64Encoded, privateKey (PKCS#8 PEM),
 * payload and header (JSON text; the header's `alg` is always the algorithm param), addTokenTo
 * (header | queryParam), headerPrefix (default Bearer), queryParamKey (default token).
 */
import type { HttpRequest } from '../http/types.ts';
import { importPkcs8, isAsymmetricAlgorithm, isHmacAlgorithm, signJws } from './jws.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import { appendQuery, encodeQueryParam, removeQueryParams } from './request-url.ts';
import type { AuthParams, AuthSigner } from './types.ts';

function parseHeader(raw: unknown, algorithm: string): Record<string, unknown> {
  let header = raw;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    header = trimmed && JSON.parse(trimmed);
  }
  // The algorithm param wins over an `alg` in the header JSON.
  return header ? { ...(header as Record<string, unknown>), alg: algorithm } : { alg: algorithm };
}

function parsePayload(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const trimmed = raw.trim();
  return trimmed ? JSON.parse(trimmed) : {};
}

function addToken(params: AuthParams, request: HttpRequest, token: string): void {
  const addTokenTo = params.addTokenTo || 'header';
  const queryParamKey = params.queryParamKey ? String(params.queryParamKey) : 'token';
  if (addTokenTo === 'header') {
    removeHeader(request, 'Authorization');
    const rawPrefix = params.headerPrefix;
    let prefix = rawPrefix === undefined || rawPrefix === null ? 'Bearer' : String(rawPrefix);
    if (prefix) prefix += ' ';
    addHeader(request, 'Authorization', prefix + token);
  } else if (addTokenTo === 'queryParam') {
    removeQueryParams(request, [queryParamKey]);
    appendQuery(request, [encodeQueryParam(queryParamKey, token)]);
  }
}

/**
 * @example
 * await jwtSigner.sign({ algorithm: 'HS256', secret: 's', payload: '{"sub":"1"}' }, request, ctx);
 * // Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.…
 */
export const jwtSigner: AuthSigner = {
  type: 'jwt',
  async sign(params, request) {
    const algorithm = params.algorithm;
    const isHmac = isHmacAlgorithm(algorithm);
    if (!isHmac && !isAsymmetricAlgorithm(algorithm)) throw new Error('invalid algorithm');
    const secret = params.secret;
    const privateKey = params.privateKey;
    if (isHmac && (!secret || typeof secret !== 'string'))
      throw new Error('Invalid secret key. Enter a valid key.');
    if (!isHmac && (!privateKey || typeof privateKey !== 'string')) {
      throw new Error('Invalid private key. Enter a valid key.');
    }
    const header = parseHeader(params.header, algorithm);
    const payload = parsePayload(params.payload);
    const key = isHmac
      ? Buffer.from(String(secret), params.isSecretBase64Encoded ? 'base64' : 'utf8')
      : importPkcs8(String(privateKey));
    addToken(params, request, signJws(header, payload, key));
  },
};
