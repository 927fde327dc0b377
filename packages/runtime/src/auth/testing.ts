/**
 * Test helpers for the auth signers (used by the `*.test.ts` files only): a fixed context, request
 * builders, a local capture server and a way to send the same request through Newman (the reference
 * implementation, a dev dependency) to compare what it puts on the wire.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { ReceivedResponse } from '../events.ts';
import type { HeaderEntry, HttpBody, HttpRequest } from '../http/types.ts';
import type { AuthContext, AuthParams, AuthSigner } from './types.ts';

/** A context with a fixed clock and bytes 0, 1, 2, … as randomness (or the given bytes, repeated). */
export function fixedContext(now = Date.UTC(2024, 0, 2, 3, 4, 5), bytes?: Buffer): AuthContext {
  return {
    now: () => now,
    randomBytes: (size) => {
      const out = Buffer.alloc(size);
      for (let i = 0; i < size; i++) out[i] = bytes ? (bytes[i % bytes.length] as number) : i;
      return out;
    },
  };
}

export function makeRequest(
  method: string,
  url: string,
  headers: HeaderEntry[] = [],
  body?: HttpBody,
): HttpRequest {
  return { method, url, headers: headers.map((h) => ({ ...h })), body };
}

export function rawBody(text: string): HttpBody {
  return { mode: 'raw', data: Buffer.from(text) };
}

/** The value of the last header named `name` (any case). */
export function headerValue(headers: readonly HeaderEntry[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const h of headers) if (h.key.toLowerCase() === wanted) found = h.value;
  return found;
}

export interface CapturedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: HeaderEntry[];
  body: Buffer;
}

export interface ServerReply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export interface CaptureServer {
  port: number;
  origin: string;
  captured: CapturedRequest[];
  close(): Promise<void>;
}

function capture(req: IncomingMessage, body: Buffer): CapturedRequest {
  const headers: HeaderEntry[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.push({ key: req.rawHeaders[i] as string, value: req.rawHeaders[i + 1] as string });
  }
  return { method: req.method ?? '', url: req.url ?? '', headers, body };
}

/** A local server that records every request and answers with `reply` (default 200 ok). */
export async function startCaptureServer(
  reply?: (request: CapturedRequest) => ServerReply,
): Promise<CaptureServer> {
  const captured: CapturedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = capture(req, Buffer.concat(chunks));
      captured.push(request);
      const answer = reply?.(request) ?? { status: 200 };
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type NewmanRun = (options: Record<string, unknown>, callback: (err: unknown) => void) => unknown;

/**
 * Runs a collection of the given items through Newman (no reporters) and resolves when it is done.
 *
 * @example
 * await runNewman([{ name: 'a', request: { method: 'GET', url: `${origin}/a`, auth: { type: 'basic', basic: [] } } }]);
 */
export async function runNewman(items: Array<{ name: string; request: unknown }>): Promise<void> {
  const require = createRequire(import.meta.url);
  const newman = require('newman') as { run: NewmanRun };
  const collection = {
    info: {
      name: 'auth reference',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: items,
  };
  await new Promise<void>((resolve, reject) => {
    newman.run({ collection, reporters: [] }, (err) => (err ? reject(err) : resolve()));
  });
}

/** Postman's `[{ key, value }]` param list from a map. */
export function authParams(params: Record<string, unknown>): Array<{ key: string; value: unknown }> {
  return Object.entries(params).map(([key, value]) => ({ key, value }));
}

/** Sends a signed request with node:http (for handshake tests), on `agent`'s kept-alive socket. */
export function sendHttp(request: HttpRequest, agent: Agent): Promise<ReceivedResponse> {
  return new Promise((resolve, reject) => {
    const headers: Array<[string, string]> = request.headers.map((h) => [h.key, h.value]);
    // With headers given as a raw list Node adds no Host header of its own.
    if (!request.headers.some((h) => h.key.toLowerCase() === 'host'))
      headers.push(['Host', new URL(request.url).host]);
    const req = httpRequest(
      request.url,
      { method: request.method, headers: headers.flat(), agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders: HeaderEntry[] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            responseHeaders.push({
              key: res.rawHeaders[i] as string,
              value: res.rawHeaders[i + 1] as string,
            });
          }
          const body = Buffer.concat(chunks);
          resolve({
            code: res.statusCode ?? 0,
            status: res.statusMessage ?? '',
            headers: responseHeaders,
            body,
            responseTime: 0,
            responseSize: body.length,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(request.body?.data);
  });
}

/**
 * Drives a signer the way the runner does: build, sign, send, and replay while `afterResponse` asks
 * (at most 3 replays). Returns the last response and every request as sent.
 */
export async function runExchange(
  signer: AuthSigner,
  params: AuthParams,
  build: () => HttpRequest,
  ctx: AuthContext,
): Promise<{ response: ReceivedResponse; sent: HttpRequest[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sent: HttpRequest[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      const request = build();
      await signer.sign(params, request, ctx);
      sent.push(request);
      const response = await sendHttp(request, agent);
      const replay = attempt < 3 && signer.afterResponse?.(params, request, response, ctx) === true;
      if (!replay) return { response, sent };
    }
  } finally {
    agent.destroy();
  }
}
