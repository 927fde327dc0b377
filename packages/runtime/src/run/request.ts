/**
 * One HTTP exchange of an item: resolve variables, build, sign, send, and replay when an auth
 * handshake asks for it (digest, ntlm).
 */
import { parseUrl, type RequestDefinition, substitute, substituteDeep } from '@postern/collection';
import type { ReceivedResponse, RunError, SentRequest } from '../events.ts';
import { getAuthSigner, paramsToMap } from '../auth/registry.ts';
import type { AuthContext, AuthParams } from '../auth/types.ts';
import { buildHttpRequest } from '../http/build.ts';
import { sendHttpRequest } from '../http/send.ts';
import type { HttpRequest, HttpResult, ProtocolProfile, SendOptions } from '../http/types.ts';
import { urlToString } from '../http/url.ts';
import type { AuthDefinition, AuthParam } from '@postern/collection';
import { randomBytes } from 'node:crypto';

/** How many times an auth handshake may ask to send the same request again. */
const MAX_AUTH_REPLAYS = 3;

const authContext: AuthContext = { now: () => Date.now(), randomBytes: (n) => randomBytes(n) };

export interface ExchangeContext {
  workingDir: string;
  userAgent: string;
  send: Omit<SendOptions, 'profile'>;
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
  return { ...resolved, url: parseUrl(substitute(urlToString(url), lookup)), auth } as RequestDefinition;
}

export function resolveAuth(
  auth: AuthDefinition | undefined,
  lookup: (name: string) => unknown,
): { type: string; params: AuthParams } | undefined {
  if (!auth) return undefined;
  const params = auth[auth.type];
  const list = Array.isArray(params) ? (substituteDeep(params, lookup) as AuthParam[]) : [];
  return { type: auth.type, params: paramsToMap(list) };
}

/**
 * Sends a resolved request with its auth. Errors (refused connection, TLS, timeout, bad file) are
 * returned, not thrown, so the item can go on to its test scripts as in Newman.
 */
export async function exchange(
  def: RequestDefinition,
  auth: { type: string; params: AuthParams } | undefined,
  profile: ProtocolProfile,
  ctx: ExchangeContext,
  onBeforeSend?: (sent: SentRequest) => void,
): Promise<Exchange> {
  const signer = auth ? getAuthSigner(auth.type) : undefined;
  let http: HttpRequest | undefined;
  let sent: SentRequest = { method: def.method, url: urlToString(def.url), headers: [] };
  try {
    for (let attempt = 0; ; attempt++) {
      const request: HttpRequest = await buildHttpRequest(def, {
        workingDir: ctx.workingDir,
        profile,
        userAgent: ctx.userAgent,
      });
      http = request;
      if (signer && auth) await signer.sign(auth.params, request, authContext);
      sent = toSentRequest(request);
      onBeforeSend?.(sent);
      const result = await sendHttpRequest(request, { ...ctx.send, profile });
      const replay =
        attempt < MAX_AUTH_REPLAYS &&
        signer?.afterResponse !== undefined &&
        auth !== undefined &&
        signer.afterResponse(auth.params, request, result.response);
      if (!replay) {
        sent = toSentRequest(result.request);
        return { sent, resolved: withSentHeaders(def, result.request), result };
      }
    }
  } catch (err) {
    return { sent, resolved: http ? withSentHeaders(def, http) : def, error: toRunError(err) };
  }
}

export function toSentRequest(http: HttpRequest): SentRequest {
  const body = http.body;
  let text: string | undefined;
  if (body) text = 'description' in body && body.description ? body.description : body.data.toString('utf8');
  return { method: http.method, url: http.url, headers: http.headers, body: text };
}

function withSentHeaders(def: RequestDefinition, http: HttpRequest): RequestDefinition {
  return { ...def, url: parseUrl(http.url), method: http.method, header: http.headers.map((h) => ({ ...h })) };
}

export function toRunError(err: unknown): RunError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
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
