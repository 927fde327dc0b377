/**
 * Local servers for the HTTP layer's tests: they record what arrives and answer by path.
 * Test-only; never imported by the runtime.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface ReceivedRequest {
  method: string;
  /** Request target as received (`/path?query`). */
  url: string;
  /** Raw header pairs: `[[name, value], …]` with the case sent. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/**
 * The routes every test server answers:
 * `/echo` (JSON of what arrived), `/redirect?status=302&to=/x&cookie=a%3D1`, `/cookie?set=a%3D1`,
 * `/gzip`, `/deflate`, `/deflate-raw`, `/br` (compressed `compressed body`), `/hang` (never answers),
 * `/stall` (headers, one byte, then silence), `/status?code=404&text=Nope`, `/dup-headers`.
 */
export const defaultRoutes: Handler = (req, res, body) => {
  const url = new URL(req.url ?? '/', 'http://test.local');
  const q = url.searchParams;
  const compressed = Buffer.from('compressed body');
  switch (url.pathname) {
    case '/redirect': {
      const headers: Record<string, string> = { Location: q.get('to') ?? '/echo' };
      const cookie = q.get('cookie');
      if (cookie) headers['Set-Cookie'] = cookie;
      res.writeHead(Number(q.get('status') ?? 302), headers);
      res.end('moved');
      return;
    }
    case '/cookie':
      res.setHeader('Set-Cookie', q.getAll('set'));
      res.end('ok');
      return;
    case '/gzip':
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync(compressed));
      return;
    case '/deflate':
      res.writeHead(200, { 'Content-Encoding': 'deflate' });
      res.end(zlib.deflateSync(compressed));
      return;
    case '/deflate-raw':
      res.writeHead(200, { 'Content-Encoding': 'Deflate ' });
      res.end(zlib.deflateRawSync(compressed));
      return;
    case '/br':
      res.writeHead(200, { 'Content-Encoding': 'br' });
      res.end(zlib.brotliCompressSync(compressed));
      return;
    case '/bad-gzip':
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end('not gzip at all');
      return;
    case '/hang':
      return;
    case '/stall':
      res.writeHead(200);
      res.write('x');
      return;
    case '/status':
      res.writeHead(Number(q.get('code') ?? 200), q.get('text') ?? undefined);
      res.end(q.get('body') ?? '');
      return;
    case '/dup-headers':
      res.writeHead(200, [
        ['X-First', '1'],
        ['Set-Cookie', 'a=1'],
        ['x-mixed-Case', 'v'],
        ['Set-Cookie', 'b=2'],
      ]);
      res.end('dup');
      return;
    default:
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          headers: pairs(req.rawHeaders),
          body: body.toString('latin1'),
        }),
      );
  }
};

function recordAndRoute(received: ReceivedRequest[], handler: Handler) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: pairs(req.rawHeaders), body });
      handler(req, res, body);
    });
  };
}

async function listen(
  server: http.Server,
  scheme: 'http' | 'https',
  received: ReceivedRequest[],
): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts an HTTP server on 127.0.0.1 with a free port.
 *
 * @example
 * const server = await startHttpServer()
 * afterAll(() => server.close())
 */
export function startHttpServer(handler: Handler = defaultRoutes): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  return listen(http.createServer(recordAndRoute(received, handler)), 'http', received);
}

/**
 * Starts an HTTPS server on 127.0.0.1 with the given TLS options (certificates made by the test).
 *
 * @example
 * const server = await startHttpsServer({ key, cert })
 */
export function startHttpsServer(
  tls: https.ServerOptions,
  handler: Handler = defaultRoutes,
): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  return listen(https.createServer(tls, recordAndRoute(received, handler)), 'https', received);
}

/** The headers of a received request as a list of names (for order checks). */
export function headerNames(request: ReceivedRequest): string[] {
  return request.headers.map(([name]) => name);
}

/** The value of a received header (case-insensitive). */
export function receivedHeader(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
