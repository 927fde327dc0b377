/**
 * One HTTP exchange (a single hop, no redirects) over Node's http/https client, with the raw
 * response headers (original case and order) and the status text.
 */
import http from 'node:http';
import https from 'node:https';
import { agentFor } from './agents.ts';
import { httpFailure } from './errors.ts';
import type { TlsOptions } from './types.ts';

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
 * Sends one request and buffers the response; `lenient` selects Node's insecure HTTP parser
 * (protocolProfileBehavior.insecureHTTPParser).
 *
 * @example
 * const hop = await dispatchHop({ origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: [], timeout: 0 }, tls, false)
 */
export function dispatchHop(request: HopRequest, tls: TlsOptions, lenient: boolean): Promise<HopResponse> {
  return new Promise((resolve, reject) => {
    const origin = new URL(request.origin);
    const secure = origin.protocol === 'https:';
    const options: http.RequestOptions = {
      protocol: origin.protocol,
      hostname: origin.hostname.replace(/^\[|\]$/g, ''),
      port: origin.port,
      path: request.path,
      method: request.method,
      headers: request.headers,
      agent: agentFor(tls, secure),
      insecureHTTPParser: lenient,
      setHost: !request.headers.some((_, i) => i % 2 === 0 && request.headers[i]?.toLowerCase() === 'host'),
    };
    let requestSent = false;
    let settled = false;
    const { signal } = request;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const req = (secure ? https : http).request(options, (res) => {
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status: res.statusCode ?? 0,
          statusText: Buffer.from(res.statusMessage ?? '', 'latin1').toString('utf8'),
          rawHeaders: res.rawHeaders.map((part) => Buffer.from(part, 'latin1')),
          body: Buffer.concat(chunks),
          headersAt,
          completedAt: performance.now(),
        });
      });
    });
    req.on('error', fail);
    req.on('finish', () => {
      requestSent = true;
    });
    if (request.timeout > 0) {
      req.setTimeout(request.timeout, () => {
        req.destroy(
          requestSent
            ? httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT')
            : httpFailure('ETIMEDOUT', 'ETIMEDOUT'),
        );
      });
    }
    function onAbort() {
      req.destroy(httpFailure('aborted', 'ECONNABORTED'));
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    req.end(request.body);
  });
}
