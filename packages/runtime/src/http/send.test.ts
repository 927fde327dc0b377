import net from 'node:net';
import type { RequestDefinition } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgents } from './agents.ts';
import { buildHttpRequest } from './build.ts';
import { createCookieJar } from './cookies.ts';
import { sendHttpRequest } from './send.ts';
import { receivedHeader, startHttpServer, type TestServer } from './testing.ts';
import type { HttpResult, ProtocolProfile, SendOptions } from './types.ts';

let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  server = await startHttpServer();
  other = await startHttpServer();
});

afterAll(async () => {
  await server.close();
  await other.close();
  await closeHttpAgents();
});

function definition(url: string, extra: Partial<RequestDefinition> = {}): RequestDefinition {
  return { url: { raw: url }, method: 'GET', header: [], ...extra };
}

async function send(
  def: RequestDefinition,
  profile: ProtocolProfile = {},
  options: Partial<SendOptions> = {},
): Promise<HttpResult> {
  const request = await buildHttpRequest(def, {
    workingDir: process.cwd(),
    profile,
    userAgent: 'Postern/test',
  });
  return sendHttpRequest(request, { tls: { rejectUnauthorized: true }, profile, ...options });
}

function lastReceived(target: TestServer = server) {
  const last = target.received.at(-1);
  if (!last) throw new Error('nothing received');
  return last;
}

describe('sending', () => {
  it('returns status, headers in order with their case, body and sizes', async () => {
    const { response } = await send(
      definition(`${server.origin}/status?code=418&text=I%20am%20a%20teapot&body=tea`),
    );
    expect(response.code).toBe(418);
    expect(response.status).toBe('I am a teapot');
    expect(response.body.toString()).toBe('tea');
    expect(response.responseSize).toBe(3);
    expect(response.responseTime).toBeGreaterThanOrEqual(0);
    expect(response.headers[0]?.key).toBe('Date');
  });

  it('reads an empty reason phrase as the standard one', async () => {
    const { response } = await send(definition(`${server.origin}/status?code=201&text=`));
    expect(response.status).toBe('Created');
  });

  it('groups repeated response headers like postman-runtime', async () => {
    const { response } = await send(definition(`${server.origin}/dup-headers`));
    expect(response.headers.slice(0, 4)).toEqual([
      { key: 'X-First', value: '1' },
      { key: 'Set-Cookie', value: 'a=1' },
      { key: 'Set-Cookie', value: 'b=2' },
      { key: 'x-mixed-Case', value: 'v' },
    ]);
  });

  it('sends the system headers with the request headers', async () => {
    await send(definition(`${server.origin}/echo`, { header: [{ key: 'X-Custom', value: 'yes' }] }));
    const received = lastReceived();
    expect(receivedHeader(received, 'x-custom')).toBe('yes');
    expect(receivedHeader(received, 'user-agent')).toBe('Postern/test');
    expect(receivedHeader(received, 'accept-encoding')).toBe('gzip, deflate, br');
    expect(receivedHeader(received, 'host')).toBe(`127.0.0.1:${server.port}`);
    expect(receivedHeader(received, 'postman-token')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a custom method and Content-Length: 0 for a bodiless POST', async () => {
    await send(definition(`${server.origin}/echo`, { method: 'PROPFIND' }));
    expect(lastReceived().method).toBe('PROPFIND');
    await send(definition(`${server.origin}/echo`, { method: 'POST' }));
    expect(receivedHeader(lastReceived(), 'content-length')).toBe('0');
  });

  it('handles HEAD responses without a body', async () => {
    const { response } = await send(definition(`${server.origin}/echo`, { method: 'HEAD' }));
    expect(response.code).toBe(200);
    expect(response.body.length).toBe(0);
  });

  it('sends a body with its Content-Length and Content-Type', async () => {
    const { request } = await send(
      definition(`${server.origin}/echo`, {
        method: 'POST',
        body: { mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'b c' }] },
      }),
    );
    const received = lastReceived();
    expect(received.body.toString()).toBe('a=b%20c');
    expect(receivedHeader(received, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(receivedHeader(received, 'content-length')).toBe('7');
    expect(request.headers.map((h) => h.key).slice(-2)).toEqual(['Content-Type', 'Content-Length']);
  });

  it('adds Basic credentials from the URL', async () => {
    await send(definition(`http://us%20er:p%40ss@127.0.0.1:${server.port}/echo`));
    expect(receivedHeader(lastReceived(), 'authorization')).toBe(
      `Basic ${Buffer.from('us er:p@ss').toString('base64')}`,
    );
  });
});

describe('decompression', () => {
  for (const path of ['/gzip', '/deflate', '/deflate-raw', '/br']) {
    it(`decodes ${path}`, async () => {
      const { response } = await send(definition(`${server.origin}${path}`));
      expect(response.body.toString()).toBe('compressed body');
      expect(response.responseSize).toBeLessThan(40);
      expect(response.responseSize).not.toBe(response.body.length);
    });
  }

  it('fails on a corrupt gzip body with zlib’s message', async () => {
    await expect(send(definition(`${server.origin}/bad-gzip`))).rejects.toThrow('incorrect header check');
  });
});

describe('redirects', () => {
  const post = (url: string, extra: Partial<RequestDefinition> = {}): RequestDefinition =>
    definition(url, {
      method: 'POST',
      header: [{ key: 'Authorization', value: 'secret' }],
      body: { mode: 'raw', raw: 'payload' },
      ...extra,
    });

  it('turns a 302 POST into a GET without body, sets Referer and keeps Authorization on the same host', async () => {
    const start = `${server.origin}/redirect?status=302&to=/echo`;
    const result = await send(post(start));
    const received = lastReceived();
    expect(received.method).toBe('GET');
    expect(received.body.length).toBe(0);
    expect(receivedHeader(received, 'content-type')).toBeUndefined();
    expect(receivedHeader(received, 'referer')).toBe(start);
    expect(receivedHeader(received, 'authorization')).toBe('secret');
    expect(result.redirects).toEqual([start, `${server.origin}/echo`]);
    expect(result.request.url).toBe(`${server.origin}/echo`);
  });

  for (const status of [301, 303]) {
    it(`switches to GET on ${status}`, async () => {
      await send(post(`${server.origin}/redirect?status=${status}&to=/echo`));
      expect(lastReceived().method).toBe('GET');
    });
  }

  for (const status of [307, 308]) {
    it(`keeps method and body on ${status}`, async () => {
      await send(post(`${server.origin}/redirect?status=${status}&to=/echo`));
      const received = lastReceived();
      expect(received.method).toBe('POST');
      expect(received.body.toString()).toBe('payload');
      expect(receivedHeader(received, 'content-type')).toBe('text/plain');
    });
  }

  it('keeps a HEAD a HEAD', async () => {
    await send(definition(`${server.origin}/redirect?status=302&to=/echo`, { method: 'HEAD' }));
    expect(lastReceived().method).toBe('HEAD');
  });

  it('keeps the method and body with followOriginalHttpMethod', async () => {
    await send(post(`${server.origin}/redirect?status=302&to=/echo`), { followOriginalHttpMethod: true });
    expect(lastReceived().method).toBe('POST');
    expect(lastReceived().body.toString()).toBe('payload');
  });

  it('drops Authorization when the host name changes, unless followAuthorizationHeader', async () => {
    const to = encodeURIComponent(`http://localhost:${other.port}/echo`);
    await send(post(`${server.origin}/redirect?status=302&to=${to}`));
    expect(receivedHeader(lastReceived(other), 'authorization')).toBeUndefined();
    expect(receivedHeader(lastReceived(other), 'host')).toBe(`localhost:${other.port}`);
    await send(post(`${server.origin}/redirect?status=302&to=${to}`), { followAuthorizationHeader: true });
    expect(receivedHeader(lastReceived(other), 'authorization')).toBe('secret');
  });

  it('omits Referer with removeRefererHeaderOnRedirect', async () => {
    await send(post(`${server.origin}/redirect?to=/echo`), { removeRefererHeaderOnRedirect: true });
    expect(receivedHeader(lastReceived(), 'referer')).toBeUndefined();
  });

  it('returns the redirect itself with followRedirects false', async () => {
    const result = await send(post(`${server.origin}/redirect?to=/echo`), { followRedirects: false });
    expect(result.response.code).toBe(302);
    expect(result.redirects).toEqual([]);
  });

  it('stops after maxRedirects with Newman’s message', async () => {
    const loop = `${server.origin}/redirect?status=302&to=${encodeURIComponent('/redirect?status=302&to=/echo')}`;
    await expect(send(definition(loop), { maxRedirects: 1 })).rejects.toThrow(
      /^Exceeded maxRedirects\. Probably stuck in a redirect loop http:\/\/127\.0\.0\.1:\d+\/redirect/,
    );
    const result = await send(definition(loop), { maxRedirects: 2 });
    expect(result.response.code).toBe(200);
  });

  it('asks the egress guard before every hop', async () => {
    const seen: string[] = [];
    const to = encodeURIComponent(`http://localhost:${other.port}/echo`);
    const checkEgress = (url: URL) => {
      seen.push(url.host);
      if (url.hostname === 'localhost') throw new Error('egress refused: localhost');
    };
    await expect(send(definition(`${server.origin}/redirect?to=${to}`), {}, { checkEgress })).rejects.toThrow(
      'egress refused: localhost',
    );
    expect(seen).toEqual([`127.0.0.1:${server.port}`, `localhost:${other.port}`]);
  });
});

describe('cookies', () => {
  it('stores cookies and sends them on later requests and redirect hops', async () => {
    const cookieJar = createCookieJar();
    await send(
      definition(`${server.origin}/cookie?set=${encodeURIComponent('a=1; Path=/')}`),
      {},
      { cookieJar },
    );
    await send(
      definition(`${server.origin}/redirect?to=/echo&cookie=${encodeURIComponent('b=2; Path=/')}`, {
        header: [{ key: 'Cookie', value: 'mine=0' }],
      }),
      {},
      { cookieJar },
    );
    const hops = server.received.slice(-2);
    expect(receivedHeader(hops[0] as never, 'cookie')).toBe('mine=0; a=1');
    expect(receivedHeader(hops[1] as never, 'cookie')).toBe('mine=0; a=1; b=2');
  });

  it('does not carry one host’s jar cookies to another host on a redirect', async () => {
    const cookieJar = createCookieJar();
    await cookieJar.setCookie('a=1; Path=/', `${server.origin}/`);
    const to = encodeURIComponent(`http://localhost:${other.port}/echo`);
    await send(definition(`${server.origin}/redirect?to=${to}`), {}, { cookieJar });
    expect(receivedHeader(lastReceived(server), 'cookie')).toBe('a=1');
    expect(receivedHeader(lastReceived(other), 'cookie')).toBeUndefined();
  });

  it('neither reads nor stores cookies with disableCookies', async () => {
    const cookieJar = createCookieJar();
    await send(definition(`${server.origin}/cookie?set=x%3D1`), { disableCookies: true }, { cookieJar });
    expect(await cookieJar.getCookieString(`${server.origin}/`)).toBe('');
    await cookieJar.setCookie('y=2', `${server.origin}/`);
    await send(definition(`${server.origin}/echo`), { disableCookies: true }, { cookieJar });
    expect(receivedHeader(lastReceived(), 'cookie')).toBeUndefined();
  });
});

describe('failures', () => {
  it('reports a refused connection as Newman does', async () => {
    await expect(send(definition('http://127.0.0.1:9/x'))).rejects.toThrow(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('times out waiting for a response with ESOCKETTIMEDOUT', async () => {
    const started = Date.now();
    await expect(send(definition(`${server.origin}/hang`), {}, { timeout: 150 })).rejects.toMatchObject({
      message: 'ESOCKETTIMEDOUT',
      code: 'ESOCKETTIMEDOUT',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out on a stalled body with ESOCKETTIMEDOUT', async () => {
    await expect(send(definition(`${server.origin}/stall`), {}, { timeout: 150 })).rejects.toThrow(
      'ESOCKETTIMEDOUT',
    );
  });

  it('refuses protocols other than http and https', async () => {
    await expect(send(definition('ftp://127.0.0.1/x'))).rejects.toThrow('Invalid protocol: ftp:');
  });

  it('aborts with the signal', async () => {
    const controller = new AbortController();
    const pending = send(definition(`${server.origin}/hang`), {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow('aborted');
  });
});

describe('insecureHTTPParser', () => {
  it('accepts a malformed response header only when enabled', async () => {
    const raw = net.createServer((socket) => {
      socket.once('data', () => {
        socket.end('HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as net.AddressInfo;
    try {
      await expect(send(definition(`http://127.0.0.1:${port}/`))).rejects.toThrow(
        'Parse Error: Invalid header value char',
      );
      const { response } = await send(definition(`http://127.0.0.1:${port}/`), { insecureHTTPParser: true });
      expect(response.code).toBe(200);
      expect(response.body.toString()).toBe('ok');
      expect(response.headers[0]).toEqual({ key: 'X-Bad', value: 'a\u0001b' });
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('follows redirects and keeps timeouts with the lenient parser too', async () => {
    const result = await send(definition(`${server.origin}/redirect?to=/echo`), { insecureHTTPParser: true });
    expect(result.response.code).toBe(200);
    expect(result.redirects).toHaveLength(2);
    await expect(
      send(definition(`${server.origin}/hang`), { insecureHTTPParser: true }, { timeout: 100 }),
    ).rejects.toThrow('ESOCKETTIMEDOUT');
  });
});

describe('connection reuse', () => {
  it('keeps connections alive across requests', async () => {
    const ports = new Set<string>();
    const reuse = await startHttpServer((req, res) => {
      ports.add(String(req.socket.remotePort));
      res.end('ok');
    });
    try {
      for (let i = 0; i < 20; i++) await send(definition(`${reuse.origin}/`));
      // undici's pool may open a second connection while the first is finishing a response.
      expect(ports.size).toBeLessThanOrEqual(2);
    } finally {
      await reuse.close();
    }
  });
});
