/**
 * One HTTP exchange (a single hop, no redirects) over Node's http/https client, with the raw
 * response headers (original case and order) and the status text.
 */
import http from 'node:http';
import { isIP } from 'node:net';
import { watchAbort } from './abort-watch.ts';
import { agentFor } from './agents.ts';
import { utf8StatusText } from './decode.ts';
import { httpFailure, isConnectionDrop } from './errors.ts';
import { leanHop } from './h1.ts';
import { loadHttps } from './node-builtins.ts';
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
  /**
   * Connect to this IP address instead of resolving the origin's host (the SSRF guard's pin); the
   * Host header and TLS server name (SNI, certificate check) still name the origin's host.
   */
  address?: string;
}

export interface HopResponse {
  status: number;
  statusText: string;
  /** Name, value, name, value… as received (one character per byte: latin1). */
  rawHeaders: string[];
  /** The body as received (still compressed). */
  body: Buffer;
  /** performance.now() when the response headers arrived and when the body ended. */
  headersAt: number;
  completedAt: number;
}

interface OriginParts {
  protocol: string;
  /** Without the brackets of an IPv6 address. */
  hostname: string;
  port: string;
}

/** Origins seen lately, parsed: a run sends its requests to a handful of origins. */
const origins = new Map<string, OriginParts>();

/** The WHATWG reading of an origin (host names normalised as the URL parser does). */
function originParts(origin: string): OriginParts {
  let parts = origins.get(origin);
  if (!parts) {
    const url = new URL(origin);
    parts = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port };
    if (origins.size >= 256) origins.clear();
    origins.set(origin, parts);
  }
  return parts;
}

/**
 * Sends one request and buffers the response; `lenient` selects Node's insecure HTTP parser
 * (protocolProfileBehavior.insecureHTTPParser). Plain-HTTP requests go over the lean client when
 * it can write them exactly as Node's client would (h1.ts), everything else over Node's client.
 *
 * @example
 * const hop = await dispatchHop({ origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: [], timeout: 0 }, tls, false)
 */
export function dispatchHop(request: HopRequest, tls: TlsOptions, lenient: boolean): Promise<HopResponse> {
  const origin = originParts(request.origin);
  if (origin.protocol === 'http:') {
    const lean = leanHop(request, request.address ?? origin.hostname, Number(origin.port) || 80, lenient);
    if (lean) return lean;
  }
  return nodeHop(request, tls, lenient);
}

/**
 * The same exchange over Node's http/https client (the reference the lean client is tested against).
 *
 * @example
 * const hop = await nodeHop({ origin: 'https://example.test', path: '/', method: 'GET', headers: [], timeout: 0 }, tls, false)
 */
export function nodeHop(
  request: HopRequest,
  tls: TlsOptions,
  lenient: boolean,
  resent = false,
): Promise<HopResponse> {
  const origin = originParts(request.origin);
  const secure = origin.protocol === 'https:';
  const hostname = origin.hostname;
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions & { servername?: string } = {
      protocol: origin.protocol,
      hostname: request.address ?? hostname,
      // A pinned connection keeps verifying the certificate for the host name (SNI takes no IPs).
      ...(request.address && secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
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
    let unwatch: (() => void) | undefined;
    let answered = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      unwatch?.();
      // A kept-alive connection the server had already closed: send once more on a new one (h1.ts).
      if (!resent && !answered && req.reusedSocket && isConnectionDrop(error) && !signal?.aborted) {
        resolve(nodeHop(request, tls, lenient, true));
      } else {
        reject(error);
      }
    };
    const req = (secure ? loadHttps() : http).request(options, (res) => {
      answered = true;
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        unwatch?.();
        resolve({
          status: res.statusCode ?? 0,
          statusText: utf8StatusText(res.statusMessage ?? ''),
          rawHeaders: res.rawHeaders,
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
    else if (signal) unwatch = watchAbort(signal, onAbort);
    req.end(request.body);
  });
}
