/**
 * One HTTP exchange (a single hop, no redirects) over undici's dispatch API, which hands back the
 * raw response headers (original case and order) and the status text.
 */
import type { Dispatcher } from 'undici';
import { httpFailure, toNewmanError } from './errors.ts';

export interface HopRequest {
  /** `http://host:port`. */
  origin: string;
  /** `/path?query`. */
  path: string;
  method: string;
  /** Flat `[name, value, name, value, …]`, sent in this order. */
  headers: string[];
  body?: Buffer;
  /** Inactivity timeout in ms while connecting, sending and receiving (0: none). */
  timeout: number;
  signal?: AbortSignal;
}

export interface HopResponse {
  status: number;
  statusText: string;
  rawHeaders: Buffer[];
  /** The body as received (still compressed). */
  body: Buffer;
  /** performance.now() when the response headers arrived and when the body ended. */
  headersAt: number;
  completedAt: number;
}

/**
 * Sends one request and buffers its response.
 *
 * @example
 * const hop = await dispatchHop(agent, { origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: [], timeout: 0 })
 */
export function dispatchHop(dispatcher: Dispatcher, request: HopRequest): Promise<HopResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    if (signal?.aborted) {
      reject(httpFailure('aborted', 'ECONNABORTED'));
      return;
    }
    let abortDispatch: ((error?: Error) => void) | undefined;
    let settled = false;
    const onAbort = () => abortDispatch?.(httpFailure('aborted', 'ECONNABORTED'));
    // Newman's request timeout is an inactivity timeout: ETIMEDOUT while connecting (nothing
    // written yet), ESOCKETTIMEDOUT once the request is out. undici's own timers are too coarse.
    let requestSent = false;
    let timer: NodeJS.Timeout | undefined;
    const onTimeout = () => {
      const error = requestSent
        ? httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT')
        : httpFailure('ETIMEDOUT', 'ETIMEDOUT');
      if (abortDispatch) abortDispatch(error);
      else finish(error);
    };
    const touch = request.timeout > 0 ? () => timer?.refresh() : () => undefined;
    if (request.timeout > 0) timer = setTimeout(onTimeout, request.timeout);
    const finish = (error: Error | null, response?: HopResponse) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error)
        reject(/^(UND_|HPE_)/.test((error as { code?: string }).code ?? '') ? toNewmanError(error) : error);
      else resolve(response as HopResponse);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    let status = 0;
    let statusText = '';
    let rawHeaders: Buffer[] = [];
    let headersAt = 0;
    const chunks: Buffer[] = [];
    let received = 0;

    // onRequestSent is called by undici (core/request.js) but missing from its handler types.
    const handler: Dispatcher.DispatchHandlers & { onRequestSent(): void } = {
      onConnect(abort) {
        abortDispatch = abort;
        if (signal?.aborted) abort(httpFailure('aborted', 'ECONNABORTED'));
      },
      onBodySent() {
        touch();
      },
      onRequestSent() {
        requestSent = true;
        touch();
      },
      onHeaders(statusCode, headers, _resume, text) {
        requestSent = true;
        touch();
        // 1xx informational responses are followed by the real one.
        if (statusCode < 200) return true;
        status = statusCode;
        statusText = text;
        rawHeaders = headers;
        headersAt = performance.now();
        return true;
      },
      onData(chunk) {
        touch();
        chunks.push(chunk);
        received += chunk.length;
        return true;
      },
      onComplete() {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
        finish(null, { status, statusText, rawHeaders, body, headersAt, completedAt: performance.now() });
      },
      onError(error) {
        finish(error);
      },
    };

    try {
      dispatcher.dispatch(
        {
          origin: request.origin,
          path: request.path,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body ?? null,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      finish(error as Error);
    }
  });
}
