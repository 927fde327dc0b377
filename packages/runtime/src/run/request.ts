/**
 * One HTTP exchange of an item: resolve variables, build, sign, send, and replay when an auth
 * handshake asks for it (digest, ntlm).
 */

import type { AuthDefinition, AuthParam } from '@postern/collection';
import { parseUrl, type RequestDefinition, substitute, substituteDeep } from '@postern/collection';
import { getAuthSigner, paramsToMap } from '../auth/registry.ts';
import type { AuthContext, AuthParams } from '../auth/types.ts';
import type { Cursor, ItemInfo, ReceivedResponse, RunError, SentRequest } from '../events.ts';
import { extend } from '../extend.ts';
import { buildHttpRequest } from '../http/build.ts';
import { isSystemHeader } from '../http/headers.ts';
import { sendHttpRequest } from '../http/send.ts';
import type { HttpRequest, HttpResult, ProtocolProfile, SendOptions, TimingPhases } from '../http/types.ts';
import { urlToString } from '../http/url.ts';
import { randomBytes, uuidV4 } from '../random.ts';
import type { IterationSink } from './emitter.ts';

/** How many times an auth handshake may ask to send the same request again. */
const MAX_AUTH_REPLAYS = 3;

function authContextFor(profile: ProtocolProfile): AuthContext {
  return {
    now: () => Date.now(),
    randomBytes: (n) => randomBytes(n),
    isSystemHeader,
    disableUrlEncoding: profile.disableUrlEncoding === true,
  };
}

/** Observes every request that goes on the wire (auth handshakes send several per item). */
export interface WireObserver {
  before(sent: SentRequest): void;
  after(
    sent: SentRequest,
    result: { response?: ReceivedResponse; error?: RunError; timings?: TimingPhases },
  ): void;
}

export interface ExchangeContext {
  workingDir: string;
  /** False: body files outside `workingDir` are refused. */
  insecureFileRead?: boolean;
  userAgent: string;
  send: Omit<SendOptions, 'profile'>;
  /**
   * The run's default for `protocolProfileBehavior.followRedirects` (`false` under
   * `--ignore-redirects`); a profile that sets it wins, as in postman-runtime.
   */
  followRedirects?: boolean;
}

export interface Exchange {
  /** The request as sent last (for reports), also when sending failed. */
  sent: SentRequest;
  /** The resolved request definition, with the headers actually sent (for `pm.request` in tests). */
  resolved: RequestDefinition;
  result?: HttpResult;
  error?: RunError;
}

/** Resolves `{{variables}}` the way postman-runtime does: the URL as a string, the rest deeply. */
export function resolveRequest(def: RequestDefinition, lookup: (name: string) => unknown): RequestDefinition {
  const { url, auth, ...rest } = def;
  const resolved = substituteDeep(rest, lookup);
  return extend(resolved, { url: parseUrl(substitute(urlToString(url), lookup)), auth }) as RequestDefinition;
}

/**
 * An auth definition with its variables resolved: what a test script sees as `pm.request.auth` (in
 * Newman, the effective auth: the request's own, else the one it inherits), and what signs it.
 *
 * @example
 * resolveAuthDefinition({ type: 'bearer', bearer: [{ key: 'token', value: '{{t}}' }] }, (n) => ({ t: 'T' })[n])
 * // { type: 'bearer', bearer: [{ key: 'token', value: 'T' }] }
 */
export function resolveAuthDefinition(
  auth: AuthDefinition | undefined,
  lookup: (name: string) => unknown,
): AuthDefinition | undefined {
  if (!auth?.type) return undefined;
  const params = auth[auth.type];
  return extend(auth, {
    [auth.type]: Array.isArray(params) ? substituteDeep(params, lookup) : params,
  }) as AuthDefinition;
}

/**
 * The type and parameters a signer takes, from an auth definition already resolved; none for
 * `noauth`.
 *
 * @example
 * signingAuth({ type: 'bearer', bearer: [{ key: 'token', value: 'T' }] }) // { type: 'bearer', params: { token: 'T' } }
 */
export function signingAuth(
  auth: AuthDefinition | undefined,
): { type: string; params: AuthParams } | undefined {
  if (!auth?.type || auth.type === 'noauth') return undefined;
  const params = auth[auth.type];
  return { type: auth.type, params: paramsToMap(Array.isArray(params) ? (params as AuthParam[]) : []) };
}

/**
 * Sends a resolved request with its auth. Errors (refused connection, TLS, timeout, bad file) are
 * returned, not thrown, so the item can go on to its test scripts as in Newman.
 */
export async function exchange(
  def: RequestDefinition,
  auth: { type: string; params: AuthParams } | undefined,
  ownProfile: ProtocolProfile,
  ctx: ExchangeContext,
  observer: WireObserver,
): Promise<Exchange> {
  const profile =
    ctx.followRedirects !== undefined && ownProfile.followRedirects === undefined
      ? extend(ownProfile, { followRedirects: ctx.followRedirects })
      : ownProfile;
  const signer = auth ? await getAuthSigner(auth.type) : undefined;
  const authContext = signer ? authContextFor(profile) : undefined;
  let http: HttpRequest | undefined;
  /** The request last put on the wire (made from the definition if building the first one fails). */
  let sent: SentRequest | undefined;
  let onWire = false;
  try {
    for (let attempt = 0; ; attempt++) {
      onWire = false;
      const request: HttpRequest = await buildHttpRequest(def, {
        workingDir: ctx.workingDir,
        ...(ctx.insecureFileRead === false ? { insecureFileRead: false } : {}),
        profile,
        userAgent: ctx.userAgent,
      });
      http = request;
      if (signer && auth && authContext) await signer.sign(auth.params, request, authContext);
      sent = toSentRequest(request);
      observer.before(sent);
      onWire = true;
      const result = await sendHttpRequest(request, extend(ctx.send, { profile }));
      const received = toSentRequest(result.request);
      sent = received;
      observer.after(received, { response: result.response, timings: result.timings });
      const replay =
        attempt < MAX_AUTH_REPLAYS &&
        signer?.afterResponse !== undefined &&
        auth !== undefined &&
        authContext !== undefined &&
        signer.afterResponse(auth.params, request, result.response, authContext);
      if (!replay) return { sent: received, resolved: withSentHeaders(def, result.request, request), result };
    }
  } catch (err) {
    const error = toRunError(err);
    sent ??= { method: def.method, url: urlToString(def.url), headers: [] };
    if (!onWire) observer.before(sent);
    observer.after(sent, { error });
    return { sent, resolved: http ? withSentHeaders(def, http, http) : def, error };
  }
}

export function toSentRequest(http: HttpRequest): SentRequest {
  const body = http.body;
  let text: string | undefined;
  if (body) text = 'description' in body && body.description ? body.description : body.data.toString('utf8');
  return { method: http.method, url: http.url, headers: http.headers, body: text };
}

/**
 * `pm.request` for test scripts: the request with the headers of its last hop, but its own URL and
 * method (`first`, the request as built and signed) after redirects, as in Newman.
 */
function withSentHeaders(def: RequestDefinition, http: HttpRequest, first: HttpRequest): RequestDefinition {
  return extend(def, {
    url: parseUrl(first.url),
    method: first.method,
    header: http.headers.map((h) => ({ ...h })),
  });
}

export function toRunError(err: unknown): RunError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      name: err.name,
      message: err.message,
      stack: err.stack,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

/** The response as scripts see it. */
export function toScriptResponse(response: ReceivedResponse) {
  return {
    code: response.code,
    status: response.status,
    header: response.headers,
    body: response.body,
    responseTime: response.responseTime,
    responseSize: response.responseSize,
  };
}

/**
 * Reports each wire request as Newman does: beforeRequest/request events, request statistics, and a
 * failure when it errs (a refused connection, a TLS error, a timeout).
 */
export function wireObserver(
  sink: IterationSink,
  cursor: Cursor,
  item: ItemInfo,
  sendRequest: boolean,
  runSignal?: AbortSignal,
): WireObserver {
  let requestCursor = cursor;
  return {
    before(sent) {
      requestCursor = extend(cursor, { httpRequestId: uuidV4() });
      sink.begin('requests');
      sink.emit('beforeRequest', { cursor: requestCursor, item, request: sent });
    },
    after(sent, { response, error, timings }) {
      if (response) sink.recordResponse(response, timings);
      sink.emit('request', {
        cursor: requestCursor,
        item,
        request: sent,
        response,
        error,
        ...(sendRequest ? { sendRequest } : {}),
      });
      sink.end('requests', !!error);
      // A request cut off because the run was stopped is not a failure of the collection.
      if (error && !runSignal?.aborted)
        sink.fail({ error, at: 'request', source: item, cursor: requestCursor });
    },
  };
}
