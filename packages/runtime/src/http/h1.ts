/**
 * A lean HTTP/1.1 client for plain-HTTP keep-alive exchanges: the request head is written as Node's
 * client writes it for an array of headers, and the response is read by Node's own parser (llhttp,
 * from `_http_common`), so parse errors, leniency and header bytes are Node's. It skips Node's
 * ClientRequest/IncomingMessage streams and agent bookkeeping, ~15% of a plain run's main thread.
 *
 * Only requests whose bytes it can write exactly as Node would are taken (see `leanHead`); anything
 * else (https, `Connection: close`, a body without Content-Length, a header Node would refuse) goes
 * to Node's client, which also gives Node's error for it. One difference from Node's client, on
 * purpose and shared with transport.ts's use of it: a request that meets a kept-alive connection
 * the server has just closed is sent again on a new one (see `leanHop`).
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import { watchAbort } from './abort-watch.ts';
import { utf8StatusText } from './decode.ts';
import { httpFailure, isConnectionDrop } from './errors.ts';
import type { HopRequest, HopResponse } from './transport.ts';

/** The parts of Node's HTTP parser binding this client uses. */
interface Parser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  execute(data: Buffer): number | ParseError;
  finish(): ParseError | undefined;
  close(): void;
  [callback: number]: unknown;
}

interface ParseError extends Error {
  code?: string;
  reason?: string;
}

interface HttpCommon {
  HTTPParser: {
    new (): Parser;
    RESPONSE: number;
    kOnHeaders: number;
    kOnHeadersComplete: number;
    kOnBody: number;
    kOnMessageComplete: number;
    kLenientNone: number;
    kLenientAll: number;
  };
  _checkIsHttpToken(value: string): boolean;
  _checkInvalidHeaderChar(value: string): boolean;
  prepareError(error: ParseError, parser: Parser, data: Buffer | undefined): void;
}

/**
 * Node's parser module, or undefined where it cannot be loaded (the lean client then stays off).
 * `_http_common` is a legacy public module; Node has discussed making it internal (nodejs/node#58534).
 */
function loadCommon(): HttpCommon | undefined {
  try {
    const loaded = createRequire(import.meta.url)('_http_common') as Partial<HttpCommon>;
    return typeof loaded.HTTPParser === 'function' && typeof loaded.prepareError === 'function'
      ? (loaded as HttpCommon)
      : undefined;
  } catch {
    return undefined;
  }
}

const common = loadCommon();

/** TCP keep-alive probes on pooled connections start after this long idle (as the agents' keepAliveMsecs). */
export const KEEP_ALIVE_PROBE_MS = 4_000;

/** Node's ClientRequest refuses a path with these characters (ERR_UNESCAPED_CHARACTERS). */
const INVALID_PATH = /[^\u0021-\u00ff]/;

/** Node's test for a Connection header that closes the connection after the response. */
const CONNECTION_CLOSE = /(?:^|\W)close(?:$|\W)/i;

/** Methods whose request Node frames without Content-Length when there is no body. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE', 'DELETE', 'OPTIONS']);

/**
 * The request head as Node's client writes it for these array headers on a keep-alive agent, or
 * undefined when Node would write something else (or refuse the request).
 */
function leanHead(request: HopRequest, http: HttpCommon): string | undefined {
  const { method, path, headers, body } = request;
  if (!http._checkIsHttpToken(method) || method === 'CONNECT' || INVALID_PATH.test(path)) return undefined;
  let head = `${method} ${path} HTTP/1.1\r\n`;
  let hasLength = false;
  let hasConnection = false;
  for (let i = 0; i < headers.length; i += 2) {
    const key = headers[i] as string;
    const value = headers[i + 1] as string;
    if (!http._checkIsHttpToken(key) || http._checkInvalidHeaderChar(value)) return undefined;
    const lower = key.length === 14 || key.length === 10 ? key.toLowerCase() : '';
    if (lower === 'connection') {
      // Postman sends `Connection: keep-alive`; a request that asks to close goes to Node's client.
      if (CONNECTION_CLOSE.test(value)) return undefined;
      hasConnection = true;
    } else if (lower === 'content-length') {
      hasLength = true;
    }
    head += `${key}: ${value}\r\n`;
  }
  if (!hasLength && (body !== undefined ? body.length > 0 : !BODYLESS_METHODS.has(method))) return undefined;
  return hasConnection ? `${head}\r\n` : `${head}Connection: keep-alive\r\n\r\n`;
}

/** One request in flight on a connection. */
interface Exchange {
  method: string;
  resolve(response: HopResponse): void;
  fail(error: Error): void;
  /** Whether the request's bytes have been handed to the operating system. */
  sent: boolean;
  /** Whether any byte of the answer has arrived. */
  answered: boolean;
  status: number;
  statusText: string;
  rawHeaders: string[];
  /** A 1xx answer (not 101) is being read: it is skipped, as Node's client skips it. */
  informational: boolean;
  /** The server switched protocols (101 or an Upgrade): nothing here can read what follows. */
  upgraded: boolean;
  headersDone: boolean;
  keepAlive: boolean;
  chunks: Buffer[];
  headersAt: number;
}

/** A kept-alive connection with its parser. */
interface Connection {
  socket: net.Socket;
  parser: Parser;
  key: string;
  exchange: Exchange | undefined;
}

/** Idle connections per `host:port`, last freed first (Node's agent default, 'lifo'). */
const idle = new Map<string, Connection[]>();
const live = new Set<Connection>();

function removeIdle(conn: Connection): void {
  const list = idle.get(conn.key);
  const at = list ? list.indexOf(conn) : -1;
  if (list && at >= 0) list.splice(at, 1);
}

function destroy(conn: Connection): void {
  removeIdle(conn);
  live.delete(conn);
  conn.socket.destroy();
}

function release(conn: Connection): void {
  conn.exchange = undefined;
  const { socket } = conn;
  socket.setTimeout(0);
  socket.unref();
  let list = idle.get(conn.key);
  if (!list) {
    list = [];
    idle.set(conn.key, list);
  }
  list.push(conn);
}

/**
 * Whether a Keep-Alive header lets the connection be reused: Node's agent (with no timeout of its
 * own) drops it when the server's `timeout=N` hint leaves less than a second.
 */
function reusable(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const key = rawHeaders[i] as string;
    if (key.length === 10 && key.toLowerCase() === 'keep-alive') {
      const hint = /^timeout=(\d+)/.exec(rawHeaders[i + 1] as string);
      return !hint || Number(hint[1]) * 1000 - 1000 > 0;
    }
  }
  return true;
}

/**
 * Node's client stops gathering header lines the parser hands over in batches (a head of more than
 * 32 of them) once it holds 2,000 entries, i.e. 1,000 name/value pairs.
 */
const MAX_BATCHED_HEADER_ENTRIES = 2_000;

function onHeaders(this: Parser & { conn: Connection }, headers: string[]): void {
  const exchange = this.conn.exchange;
  // Headers after the head are a chunked body's trailers, which Node keeps apart.
  if (!exchange || exchange.headersDone || exchange.rawHeaders.length >= MAX_BATCHED_HEADER_ENTRIES) return;
  for (const part of headers) exchange.rawHeaders.push(part);
}

function onHeadersComplete(
  this: Parser & { conn: Connection },
  _major: number,
  _minor: number,
  headers: string[] | undefined,
  _method: unknown,
  _url: unknown,
  statusCode: number,
  statusMessage: string,
  upgrade: boolean,
  shouldKeepAlive: boolean,
): number {
  const exchange = this.conn.exchange;
  if (!exchange) {
    // A second response to one request: Node's client drops the connection too.
    destroy(this.conn);
    return 1;
  }
  if (headers) for (const part of headers) exchange.rawHeaders.push(part);
  if (statusCode >= 100 && statusCode < 200 && statusCode !== 101) {
    exchange.informational = true;
    exchange.rawHeaders = [];
    return 1;
  }
  exchange.headersDone = true;
  exchange.headersAt = performance.now();
  exchange.status = statusCode;
  exchange.statusText = statusMessage;
  exchange.keepAlive = shouldKeepAlive && !upgrade;
  if (upgrade) {
    exchange.upgraded = true;
    return 2;
  }
  return exchange.method === 'HEAD' ? 1 : 0;
}

/** Node 20's parser hands each body chunk over as a copy of its own. */
function onBody(this: Parser & { conn: Connection }, chunk: Buffer): void {
  const exchange = this.conn.exchange;
  if (exchange?.headersDone) exchange.chunks.push(chunk);
}

function onMessageComplete(this: Parser & { conn: Connection }): void {
  const conn = this.conn;
  const exchange = conn.exchange;
  if (!exchange) return;
  if (exchange.informational) {
    exchange.informational = false;
    return;
  }
  if (!exchange.headersDone || exchange.upgraded) return;
  const response: HopResponse = {
    status: exchange.status,
    statusText: utf8StatusText(exchange.statusText),
    rawHeaders: exchange.rawHeaders,
    body: exchange.chunks.length === 1 ? (exchange.chunks[0] as Buffer) : Buffer.concat(exchange.chunks),
    headersAt: exchange.headersAt,
    completedAt: performance.now(),
  };
  if (exchange.keepAlive && reusable(exchange.rawHeaders)) {
    release(conn);
  } else {
    conn.exchange = undefined;
    destroy(conn);
  }
  exchange.resolve(response);
}

function connect(key: string, host: string, port: number, http: HttpCommon): Connection {
  const { HTTPParser } = http;
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  socket.setKeepAlive(true, KEEP_ALIVE_PROBE_MS);
  const parser = new HTTPParser() as Parser & { conn: Connection };
  const conn: Connection = { socket, parser, key, exchange: undefined };
  parser.conn = conn;
  parser[HTTPParser.kOnHeaders] = onHeaders;
  parser[HTTPParser.kOnHeadersComplete] = onHeadersComplete;
  parser[HTTPParser.kOnBody] = onBody;
  parser[HTTPParser.kOnMessageComplete] = onMessageComplete;
  live.add(conn);
  socket.on('data', (data: Buffer) => {
    const exchange = conn.exchange;
    if (!exchange) {
      // Bytes nobody asked for: the connection can no longer be trusted.
      destroy(conn);
      return;
    }
    exchange.answered = true;
    const result = parser.execute(data);
    if (result instanceof Error) {
      http.prepareError(result, parser, data);
      destroy(conn);
      conn.exchange = undefined;
      exchange.fail(result);
    } else if (exchange.upgraded) {
      // Node's client, with no 'upgrade' listener, closes the socket and never settles the request.
      conn.exchange = undefined;
      destroy(conn);
      exchange.fail(httpFailure('socket hang up', 'ECONNRESET'));
    }
  });
  socket.on('end', () => {
    // A body that runs to the end of the connection completes here; anything else was cut short.
    if (conn.exchange) parser.finish();
    const pending = conn.exchange;
    conn.exchange = undefined;
    destroy(conn);
    if (pending) pending.fail(connectionLost(pending));
  });
  socket.on('error', (error: Error) => {
    const pending = conn.exchange;
    conn.exchange = undefined;
    destroy(conn);
    pending?.fail(error);
  });
  socket.on('close', () => {
    const pending = conn.exchange;
    conn.exchange = undefined;
    removeIdle(conn);
    live.delete(conn);
    parser.close();
    pending?.fail(connectionLost(pending));
  });
  socket.on('timeout', () => {
    const pending = conn.exchange;
    if (!pending) {
      destroy(conn);
      return;
    }
    conn.exchange = undefined;
    destroy(conn);
    pending.fail(
      pending.sent
        ? httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT')
        : httpFailure('ETIMEDOUT', 'ETIMEDOUT'),
    );
  });
  return conn;
}

/** Node's errors for a connection that ends early: before the response head, or inside the body. */
function connectionLost(exchange: Exchange): Error {
  return exchange.headersDone
    ? httpFailure('aborted', 'ECONNRESET')
    : httpFailure('socket hang up', 'ECONNRESET');
}

/** An idle connection for `host:port`, or undefined when there is none. */
function idleConnection(key: string): Connection | undefined {
  const conn = idle.get(key)?.pop();
  conn?.socket.ref();
  return conn;
}

/**
 * Sends one plain-HTTP request over a pooled connection, or returns undefined when the request is
 * one this client does not write (Node's client takes it then).
 *
 * A server may answer and close at once without saying `Connection: close`; its FIN can arrive
 * just after this run has put the connection back to work. Node's client then fails the next
 * request with `socket hang up`, which Newman, slower between requests, does not meet. A request
 * that fails that way on a reused connection, before a byte of answer, is sent once more on a new
 * connection, as browsers resend it.
 *
 * @example
 * const response = leanHop({ origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: ['Host', '127.0.0.1:8080'], timeout: 0 }, '127.0.0.1', 8080, false)
 */
export function leanHop(
  request: HopRequest,
  host: string,
  port: number,
  lenient: boolean,
): Promise<HopResponse> | undefined {
  const http = common;
  if (!http) return undefined;
  const head = leanHead(request, http);
  if (head === undefined) return undefined;
  const key = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const send = (conn: Connection, retry: (() => void) | undefined): void => {
      const { socket, parser } = conn;
      let unwatch: (() => void) | undefined;
      const exchange: Exchange = {
        method: request.method,
        resolve(response) {
          unwatch?.();
          resolve(response);
        },
        fail(error) {
          unwatch?.();
          if (retry && !exchange.answered && isConnectionDrop(error) && !request.signal?.aborted) retry();
          else reject(error);
        },
        sent: false,
        answered: false,
        status: 0,
        statusText: '',
        rawHeaders: [],
        informational: false,
        upgraded: false,
        headersDone: false,
        keepAlive: false,
        chunks: [],
        headersAt: 0,
      };
      conn.exchange = exchange;
      parser.initialize(
        http.HTTPParser.RESPONSE,
        conn,
        0,
        lenient ? http.HTTPParser.kLenientAll : http.HTTPParser.kLenientNone,
      );
      if (request.timeout > 0) {
        if (socket.connecting) socket.once('connect', () => socket.setTimeout(request.timeout));
        else socket.setTimeout(request.timeout);
      } else {
        socket.setTimeout(0);
      }
      const { signal } = request;
      if (signal) {
        const onAbort = () => {
          if (conn.exchange !== exchange) return;
          conn.exchange = undefined;
          destroy(conn);
          exchange.fail(httpFailure('aborted', 'ECONNABORTED'));
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        unwatch = watchAbort(signal, onAbort);
      }
      const onSent = () => {
        exchange.sent = true;
      };
      if (request.body && request.body.length > 0) {
        socket.cork();
        socket.write(head, 'latin1');
        socket.write(request.body, onSent);
        socket.uncork();
      } else {
        socket.write(head, 'latin1', onSent);
      }
    };
    const reused = idleConnection(key);
    if (reused) send(reused, () => send(connect(key, host, port, http), undefined));
    else send(connect(key, host, port, http), undefined);
  });
}

/**
 * Closes every pooled connection (end of a run, tests).
 *
 * @example
 * closeLeanConnections()
 */
export function closeLeanConnections(): void {
  for (const conn of [...live]) destroy(conn);
  idle.clear();
}
