/**
 * `digest` (RFC 2617 / RFC 7616) as postman-runtime does it: the first request goes out unsigned
 * unless realm and nonce are known; a 401/403 with a `WWW-Authenticate: Digest` challenge fills
 * realm, nonce, opaque and qop (plus a client nonce and `nonceCount` 00000001 when qop is set) and
 * asks for a replay. Params: username, password, realm, nonce, algorithm (MD5, MD5-sess, SHA-256,
 * SHA-256-sess, SHA-512-256, SHA-512-256-sess), qop (auth, auth-int), nonceCount, clientNonce,
 * opaque, disableRetryRequest.
 */
import { createHash } from 'node:crypto';
import type { ReceivedResponse } from '../events.ts';
import type { HttpRequest } from '../http/types.ts';
import { contextOf, rememberContext } from './context.ts';
import { flag, optionalText, setSystemParam } from './params.ts';
import { randomString } from './random.ts';
import { addHeader, bodyForHash, removeHeader } from './request-parts.ts';
import { pathWithSearch, splitUrl } from './request-url.ts';
import type { AuthContext, AuthParams, AuthSigner } from './types.ts';

const HASH_OF_ALGORITHM: Record<string, string> = {
  MD5: 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
  'SHA-512-256': 'sha512-256',
  'SHA-512-256-sess': 'sha512-256',
};

export interface DigestInput {
  algorithm: string;
  username: string;
  realm: string;
  password: string;
  method: string;
  /** The request target: path and query. */
  uri: string;
  nonce: string;
  /** Raw param values: postman-runtime prints a missing one as `undefined` in places. */
  nonceCount?: unknown;
  clientNonce?: unknown;
  opaque?: string;
  qop?: string;
  /** Hex hash of the body, for qop `auth-int` (postman-runtime writes `undefined` for multipart). */
  bodyHash?: string;
}

/** How `Array.prototype.join` prints a value: null and undefined as ''. */
const joinable = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function hex(algorithm: string, data: string): string {
  return createHash(algorithm).update(data).digest('hex');
}

/**
 * The `Authorization` header value for a digest challenge, in postman-runtime's parameter order.
 *
 * @example
 * digestHeader({ algorithm: 'MD5', username: 'u', realm: 'r', password: 'p', method: 'GET', uri: '/',
 *   nonce: 'n' }); // 'Digest username="u", realm="r", nonce="n", uri="/", algorithm="MD5", response="…"'
 */
export function digestHeader(input: DigestInput): string {
  const hashName = HASH_OF_ALGORITHM[input.algorithm];
  if (!hashName) throw new Error(`Unsupported digest algorithm: ${input.algorithm}`);
  const { username, realm, password, nonce, qop } = input;
  const a1 = input.algorithm.endsWith('-sess')
    ? `${hex(hashName, `${username}:${realm}:${password}`)}:${nonce}:${String(input.clientNonce)}`
    : `${username}:${realm}:${password}`;
  const a2 =
    qop === 'auth-int' ? `${input.method}:${input.uri}:${input.bodyHash}` : `${input.method}:${input.uri}`;
  const hashA1 = hex(hashName, a1);
  const hashA2 = hex(hashName, a2);
  const withQop = qop === 'auth' || qop === 'auth-int';
  const response = withQop
    ? hex(
        hashName,
        [hashA1, nonce, joinable(input.nonceCount), joinable(input.clientNonce), qop, hashA2].join(':'),
      )
    : hex(hashName, [hashA1, nonce, hashA2].join(':'));
  const parts = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${input.uri}"`];
  parts.push(`algorithm="${input.algorithm}"`);
  if (withQop) parts.push(`qop=${qop}`);
  if (withQop || input.algorithm === 'MD5-sess') {
    if (input.nonceCount) parts.push(`nc=${String(input.nonceCount)}`);
    parts.push(`cnonce="${String(input.clientNonce)}"`);
  }
  parts.push(`response="${response}"`);
  if (input.opaque) parts.push(`opaque="${input.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}

function bodyHashFor(request: HttpRequest, hashName: string): string | undefined {
  const body = bodyForHash(request.body);
  if (body.kind === 'unsupported') return undefined;
  const hash = createHash(hashName);
  if (body.kind === 'bytes') hash.update(body.data);
  return hash.digest('hex');
}

const challengeField = (challenge: string, name: string): string =>
  new RegExp(`${name}="([^"]*)"`, 'i').exec(challenge)?.[1] ?? '';

function nextNonceCount(current: unknown): string {
  const n = Number.parseInt(String(current), 10);
  return Number.isNaN(n) ? '00000001' : String(n + 1).padStart(8, '0');
}

function sign(params: AuthParams, request: HttpRequest): void {
  // Without realm and nonce postman-runtime sends the request as it is, to get the challenge.
  if (!(params.nonce && params.realm)) return;
  const username = optionalText(params, 'username');
  const realm = optionalText(params, 'realm');
  if (!username || !realm) return;
  removeHeader(request, 'Authorization');
  const algorithm = optionalText(params, 'algorithm') ?? 'MD5';
  const hashName = HASH_OF_ALGORITHM[algorithm];
  if (!hashName) throw new Error(`Unsupported digest algorithm: ${algorithm}`);
  const qop = optionalText(params, 'qop');
  const input: DigestInput = {
    algorithm,
    username,
    realm,
    password: String(params.password),
    method: request.method,
    uri: pathWithSearch(splitUrl(request.url)),
    nonce: String(params.nonce),
    nonceCount: params.nonceCount,
    clientNonce: params.clientNonce,
    opaque: optionalText(params, 'opaque'),
    qop,
  };
  if (qop === 'auth-int') input.bodyHash = bodyHashFor(request, hashName);
  addHeader(request, 'Authorization', digestHeader(input));
}

function afterResponse(params: AuthParams, response: ReceivedResponse, ctx: AuthContext): boolean {
  if (flag(params, 'disableRetryRequest')) return false;
  const challenge = response.headers.find(
    (h) => h.key.toLowerCase() === 'www-authenticate' && String(h.value).toLowerCase().startsWith('digest '),
  );
  if ((response.code === 401 || response.code === 403) && challenge) {
    const fromServer: AuthParams = {
      nonce: challengeField(challenge.value, 'nonce'),
      realm: challengeField(challenge.value, 'realm'),
    };
    const opaque = challengeField(challenge.value, 'opaque');
    const qop = challengeField(challenge.value, 'qop');
    if (opaque) fromServer.opaque = opaque;
    if (qop) fromServer.qop = qop;
    if (fromServer.qop || params.qop) {
      fromServer.clientNonce = randomString(ctx, 8);
      fromServer.nonceCount = '00000001';
    }
    // Everything the server asked for is already there: replaying would not change anything.
    if (Object.keys(fromServer).every((key) => params[key])) return false;
    for (const [key, value] of Object.entries(fromServer)) setSystemParam(params, key, value);
    return true;
  }
  setSystemParam(params, 'nonceCount', nextNonceCount(params.nonceCount));
  return false;
}

/**
 * @example
 * digestSigner.sign({ username: 'u', password: 'p' }, request, ctx);   // no realm yet: unsigned
 * digestSigner.afterResponse?.(params, request, response401);          // true: fills realm/nonce, replay
 * digestSigner.sign(params, request, ctx);                              // Authorization: Digest …
 */
export const digestSigner: AuthSigner = {
  type: 'digest',
  sign(params, request, ctx) {
    rememberContext(params, ctx);
    sign(params, request);
  },
  afterResponse(params, _request, response, ctx) {
    return afterResponse(params, response, ctx ?? contextOf(params));
  },
};
