// The lean HTTP/1.1 client against Node's client, on a server that answers with scripted bytes:
// the same request bytes go out, and the same response (or the same error) comes back.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgents } from './agents.ts';
import { closeLeanConnections, leanHop } from './h1.ts';
import { dispatchHop, type HopRequest, type HopResponse, nodeHop } from './transport.ts';

/** What the server answers per request path: raw bytes, then whether to close the connection. */
const SCRIPTS: Record<string, { reply: string; close?: boolean }> = {
  '/plain': {
    reply: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Case: A\r\nx-case: b\r\nX-Case: c\r\n\r\nhello',
  },
  '/chunked': {
    reply:
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n',
  },
  '/until-close': { reply: 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end', close: true },
  '/http10': { reply: 'HTTP/1.0 200 OK\r\n\r\nold server', close: true },
  '/head': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n' },
  '/no-content': { reply: 'HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n' },
  '/early-hints': {
    reply:
      'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
  },
  '/reason': { reply: 'HTTP/1.1 200 Ça va\r\nContent-Length: 0\r\n\r\n' },
  '/empty-reason': { reply: 'HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n' },
  '/hang-up': { reply: '', close: true },
  '/mid-body': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', close: true },
  '/garbage': { reply: 'HTTX/1.1 200 OK\r\n\r\n' },
  '/bad-header': { reply: 'HTTP/1.1 200 OK\r\nX-Bad: a\x01b\r\nContent-Length: 2\r\n\r\nok' },
  '/huge-header': { reply: `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n` },
  '/many-headers': {
    reply: `HTTP/1.1 200 OK\r\n${Array.from({ length: 1_100 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}Content-Length: 0\r\n\r\n`,
  },
  '/upgrade': { reply: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\nxyz' },
  '/silent': { reply: '' },
  // keep-alive by HTTP/1.1's default, yet the server closes right after answering
  '/answer-and-close': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', close: true },
  '/keep-alive-hint': { reply: 'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok' },
};

interface Received {
  connection: number;
  bytes: string;
}

let server: net.Server;
let port: number;
let connections = 0;
const received: Received[] = [];

/** Reads requests off a connection (head, then Content-Length bytes) and answers each by script. */
function serve(socket: net.Socket): void {
  const connection = ++connections;
  socket.unref();
  let buffer = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      received.push({ connection, bytes: buffer.subarray(0, end + 4 + length).toString('latin1') });
      buffer = buffer.subarray(end + 4 + length);
      const path = head.split(' ')[1] ?? '/';
      const script = SCRIPTS[path.split('?')[0] ?? ''] ?? SCRIPTS['/plain'];
      if (!script) return;
      if (script.reply) socket.write(Buffer.from(script.reply, path === '/reason' ? 'utf8' : 'latin1'));
      if (script.close) socket.end();
    }
  });
}

beforeAll(async () => {
  server = net.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await closeHttpAgents();
  await new Promise((resolve) => server.close(resolve));
});

function hop(path: string, extra: Partial<HopRequest> = {}): HopRequest {
  return {
    origin: `http://127.0.0.1:${port}`,
    path,
    method: 'GET',
    headers: ['Host', `127.0.0.1:${port}`, 'User-Agent', 'test', 'Connection', 'keep-alive'],
    timeout: 0,
    ...extra,
  };
}

const TLS = { rejectUnauthorized: true };

function sendLean(request: HopRequest, lenient = false): Promise<HopResponse> {
  const sent = leanHop(request, '127.0.0.1', port, lenient);
  if (!sent) throw new Error('the lean client refused a request it should take');
  return sent;
}

/** What a test compares: the response without its clock readings, or the error's message and code. */
async function outcome(sent: Promise<HopResponse>): Promise<unknown> {
  try {
    const { status, statusText, rawHeaders, body } = await sent;
    return { status, statusText, rawHeaders, body: body.toString('latin1') };
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    return { error: message, code };
  }
}

async function bothWays(request: HopRequest, lenient = false): Promise<{ lean: unknown; node: unknown }> {
  const node = await outcome(nodeHop(request, TLS, lenient));
  const lean = await outcome(sendLean(request, lenient));
  return { lean, node };
}

describe('the lean client answers as Node does', () => {
  it.each([
    ['/plain'],
    ['/chunked'],
    ['/until-close'],
    ['/http10'],
    ['/no-content'],
    ['/early-hints'],
    ['/reason'],
    ['/empty-reason'],
    ['/hang-up'],
    ['/mid-body'],
    ['/garbage'],
    ['/bad-header'],
    ['/huge-header'],
    ['/many-headers'],
  ])('%s', async (path) => {
    const { lean, node } = await bothWays(hop(path));
    expect(lean).toEqual(node);
  });

  it('keeps header case, order and repeats, and reads a chunked body without its trailers', async () => {
    expect(await outcome(sendLean(hop('/plain')))).toEqual({
      status: 200,
      statusText: 'OK',
      rawHeaders: ['Content-Length', '5', 'X-Case', 'A', 'x-case', 'b', 'X-Case', 'c'],
      body: 'hello',
    });
    expect(await outcome(sendLean(hop('/chunked')))).toEqual({
      status: 200,
      statusText: 'OK',
      rawHeaders: ['Transfer-Encoding', 'chunked'],
      body: 'hello world',
    });
  });

  it('reads no body for HEAD', async () => {
    const { lean, node } = await bothWays(hop('/head', { method: 'HEAD' }));
    expect(lean).toEqual(node);
    expect(lean).toMatchObject({ status: 200, body: '' });
  });

  it('accepts a bad header byte with the lenient parser only', async () => {
    const { lean, node } = await bothWays(hop('/bad-header'), true);
    expect(lean).toEqual(node);
    expect(lean).toMatchObject({ status: 200, body: 'ok' });
    expect(await outcome(sendLean(hop('/bad-header')))).toMatchObject({ code: 'HPE_INVALID_HEADER_TOKEN' });
  });

  it('fails a connection refused with the same message', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const request = hop('/plain', { origin: `http://127.0.0.1:${deadPort}` });
    const node = await outcome(nodeHop(request, TLS, false));
    const lean = leanHop(request, '127.0.0.1', deadPort, false);
    expect(await outcome(lean as Promise<HopResponse>)).toEqual(node);
    expect(node).toEqual({ error: `connect ECONNREFUSED 127.0.0.1:${deadPort}`, code: 'ECONNREFUSED' });
  });

  it('times out a silent server as ESOCKETTIMEDOUT, as Node does', async () => {
    const { lean, node } = await bothWays(hop('/silent', { timeout: 100 }));
    expect(lean).toEqual(node);
    expect(lean).toEqual({ error: 'ESOCKETTIMEDOUT', code: 'ESOCKETTIMEDOUT' });
  });

  it('stops on abort with ECONNABORTED', async () => {
    const controller = new AbortController();
    const pending = outcome(sendLean(hop('/silent', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toEqual({ error: 'aborted', code: 'ECONNABORTED' });
    const aborted = AbortSignal.abort();
    expect(await outcome(sendLean(hop('/plain', { signal: aborted })))).toEqual({
      error: 'aborted',
      code: 'ECONNABORTED',
    });
  });

  it('fails a switch of protocols instead of waiting forever', async () => {
    // Node's client, with no 'upgrade' listener, closes the socket and never settles.
    expect(await outcome(sendLean(hop('/upgrade')))).toEqual({ error: 'socket hang up', code: 'ECONNRESET' });
  });
});

describe('the bytes it writes', () => {
  const cases: Array<[string, Partial<HopRequest>]> = [
    ['a GET with Postman headers', {}],
    ['a GET without a Connection header', { headers: ['Host', 'h', 'X-Multi', 'a', 'X-Multi', 'b'] }],
    [
      'a POST with a body',
      {
        method: 'POST',
        headers: [
          'Host',
          'h',
          'Content-Type',
          'text/plain',
          'Content-Length',
          '11',
          'Connection',
          'keep-alive',
        ],
        body: Buffer.from('hello wörld'.normalize(), 'latin1'),
      },
    ],
    ['a header value with latin1 bytes', { headers: ['Host', 'h', 'X-Name', 'Jürgen'] }],
    ['a DELETE without a body', { method: 'DELETE', headers: ['Host', 'h'] }],
    [
      'a POST with an empty body',
      { method: 'POST', headers: ['Content-Length', '0'], body: Buffer.alloc(0) },
    ],
  ];

  it.each(cases)('%s: as Node writes it', async (_name, extra) => {
    const at = received.length;
    await nodeHop(hop('/plain', extra), TLS, false);
    await sendLean(hop('/plain', extra));
    const [viaNode, viaLean] = received.slice(at).map((r) => r.bytes);
    expect(viaLean).toBe(viaNode);
  });

  it.each<[string, Partial<HopRequest>]>([
    ['a request that closes its connection', { headers: ['Connection', 'close'] }],
    ['a body without Content-Length', { method: 'POST', headers: [], body: Buffer.from('x') }],
    ['a POST with neither body nor length', { method: 'POST', headers: [] }],
    ['a header value with a line break', { headers: ['X-A', 'a\r\nInjected: 1'] }],
    ['a header value beyond latin1', { headers: ['X-A', 'ü€'] }],
    ['a header name that is not a token', { headers: ['X A', '1'] }],
    ['a path with a space', { path: '/a b' }],
    ['a method that is not a token', { method: 'GE T' }],
    ['CONNECT', { method: 'CONNECT' }],
  ])('leaves %s to Node', (_name, extra) => {
    expect(leanHop(hop('/plain', extra), '127.0.0.1', port, false)).toBeUndefined();
  });
});

describe('connections', () => {
  it('reuses one kept-alive connection for requests in sequence', async () => {
    const at = received.length;
    for (let i = 0; i < 5; i++) await sendLean(hop('/plain'));
    const used = new Set(received.slice(at).map((r) => r.connection));
    expect(used.size).toBe(1);
  });

  it('opens a new connection after the server closed one, and the request succeeds', async () => {
    await sendLean(hop('/until-close'));
    const at = received.length;
    expect(await outcome(sendLean(hop('/plain')))).toMatchObject({ status: 200, body: 'hello' });
    const before = received[at - 1]?.connection;
    expect(received[at]?.connection).not.toBe(before);
  });

  it.each([
    ['the lean client', (request: HopRequest) => sendLean(request)],
    ["Node's client", (request: HopRequest) => nodeHop(request, TLS, false)],
  ])(
    '%s sends again, on a new connection, a request that met a connection the server had closed',
    async (_name, send) => {
      // The close comes with or just after each answer; without the resend every other request
      // would fail with `socket hang up`.
      const at = received.length;
      for (let i = 0; i < 10; i++) {
        const body = Buffer.from(`n=${i}`);
        const request = hop('/answer-and-close', {
          method: 'POST',
          headers: ['Host', 'h', 'Content-Length', String(body.length), 'Connection', 'keep-alive'],
          body,
        });
        expect(await outcome(send(request))).toMatchObject({ status: 200, body: 'ok' });
      }
      const bodies = received.slice(at).map((r) => r.bytes.slice(r.bytes.indexOf('\r\n\r\n') + 4));
      // every request arrived whole, the resent ones on a connection of their own
      expect(new Set(bodies)).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `n=${i}`)));
    },
  );

  it('does not send again once the answer has begun, or on a new connection', async () => {
    await sendLean(hop('/plain'));
    const at = received.length;
    expect(await outcome(sendLean(hop('/mid-body')))).toEqual({ error: 'aborted', code: 'ECONNRESET' });
    expect(received.length - at).toBe(1);
    closeLeanConnections();
    const fresh = received.length;
    expect(await outcome(sendLean(hop('/hang-up')))).toEqual({ error: 'socket hang up', code: 'ECONNRESET' });
    expect(received.length - fresh).toBe(1);
  });

  it('runs concurrent requests on separate connections', async () => {
    const at = received.length;
    const results = await Promise.all([1, 2, 3].map(() => outcome(sendLean(hop('/plain')))));
    for (const result of results) expect(result).toMatchObject({ status: 200, body: 'hello' });
    expect(new Set(received.slice(at).map((r) => r.connection)).size).toBe(3);
  });

  it("drops an idle connection before the server's Keep-Alive timeout ends it", async () => {
    await sendLean(hop('/keep-alive-hint'));
    const at = received.length;
    // timeout=1 (s) leaves no time once Node's second of margin is taken: the connection is not reused
    await sendLean(hop('/plain'));
    expect(received[at]?.connection).not.toBe(received[at - 1]?.connection);
  });

  it('reaches an IPv6 literal origin, from dispatchHop on', async () => {
    const v6 = net.createServer((socket) => {
      socket.unref();
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6'));
    });
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    const v6Port = (v6.address() as net.AddressInfo).port;
    try {
      const request = hop('/', { origin: `http://[::1]:${v6Port}`, headers: ['Host', `[::1]:${v6Port}`] });
      const viaLean = leanHop(request, '::1', v6Port, false);
      expect(viaLean).toBeInstanceOf(Promise);
      expect(await outcome(viaLean ?? Promise.reject(new Error('refused')))).toMatchObject({ body: 'v6' });
      expect(await outcome(dispatchHop(request, TLS, false))).toMatchObject({ status: 200, body: 'v6' });
    } finally {
      await closeHttpAgents();
      await new Promise((resolve) => v6.close(resolve));
    }
  });

  it('lets the process exit while connections sit idle in the pool', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const pending = sendLean(hop('/plain'));
    expect(sockets()).toBeGreaterThan(0);
    await pending;
    // the server's own sockets are unref'd (serve), so only a client socket could hold the loop
    expect(sockets()).toBe(0);
  });
});
