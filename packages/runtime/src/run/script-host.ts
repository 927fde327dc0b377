/**
 * What the sandbox may ask of the runner while a script runs: `pm.sendRequest` (through the same
 * HTTP pipeline, cookie jar and TLS settings as the run), the cookie jar, console output and
 * dynamic variables. Everything crosses as data.
 */
import { dynamicVariable, normaliseRequest, type RequestDefinition } from '@postern/collection';
import type { Cursor } from '../events.ts';
import { cookieJarOperation, cookiesForUrl, type PosternCookieJar } from '../http/cookies.ts';
import type { ScriptCookie, ScriptHost } from '../sandbox/types.ts';
import type { IterationSink } from './emitter.ts';
import type { RunnableItem } from './items.ts';
import {
  type ExchangeContext,
  exchange,
  signingAuth,
  toRunError,
  toScriptResponse,
  wireObserver,
} from './request.ts';

export interface ScriptHostInput {
  sink: IterationSink;
  cursor: Cursor;
  runnable: RunnableItem;
  exchange: ExchangeContext;
  cookieJar: PosternCookieJar;
}

/** pm.sendRequest never prunes bodies (postman-runtime sends its requests with disableBodyPruning). */
const SEND_REQUEST_PROFILE = { disableBodyPruning: true };

export function createScriptHost(input: ScriptHostInput): Omit<ScriptHost, 'assertion'> {
  const { sink, cursor, runnable } = input;
  const item = runnable.info;
  return {
    async sendRequest(request) {
      let def: RequestDefinition;
      try {
        def = toRequestDefinition(request);
      } catch (err) {
        return { error: toRunError(err) };
      }
      const ex = await exchange(
        def,
        signingAuth(def.auth ?? undefined),
        SEND_REQUEST_PROFILE,
        input.exchange,
        wireObserver(sink, cursor, item, true),
      );
      const response = ex.result?.response;
      if (ex.error) return { error: ex.error };
      return {
        response: response ? toScriptResponse(response) : undefined,
        cookies: await cookiesForUrl(input.cookieJar, ex.sent.url),
      };
    },
    console(level, messages) {
      sink.emit('console', { cursor, item, level, messages });
    },
    cookieJar(op, url, args) {
      return cookieJarOperation(input.cookieJar, op, url, args);
    },
    dynamicVariable(name) {
      return dynamicVariable(name);
    },
  };
}

export function jarCookiesFor(jar: PosternCookieJar, url: string): Promise<ScriptCookie[]> {
  return cookiesForUrl(jar, url);
}

/** `pm.sendRequest('http://…')` or `pm.sendRequest({ url, method, header, body })` as a RequestDefinition. */
function toRequestDefinition(request: unknown): RequestDefinition {
  const raw = typeof request === 'string' ? request : normaliseHeaderObject(request);
  return normaliseRequest(raw as Parameters<typeof normaliseRequest>[0], ['pm.sendRequest']);
}

/** Scripts may pass headers as `{ name: value }`; the collection format wants `[{ key, value }]`. */
function normaliseHeaderObject(request: unknown): unknown {
  if (!request || typeof request !== 'object') return request;
  const r = request as Record<string, unknown>;
  const header = r.header ?? r.headers;
  if (header && typeof header === 'object' && !Array.isArray(header)) {
    const list = Object.entries(header as Record<string, unknown>).map(([key, value]) => ({
      key,
      value: String(value),
    }));
    return { ...r, header: list };
  }
  return r;
}
