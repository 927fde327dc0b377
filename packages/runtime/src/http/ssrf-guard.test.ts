import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateTlsMaterial,
  type RunningServer,
  startEchoServer,
} from '../../../../test/fixtures/echo/index.mjs';
import { collectionOf, payloads, recordRun } from '../run/run-testing.ts';
import { closeHttpAgents } from './agents.ts';
import { buildHttpRequest } from './build.ts';
import { sendHttpRequest } from './send.ts';
import {
  createSsrfGuard,
  embeddedIPv4,
  parseSsrfAllowList,
  refusalReason,
  SsrfAllowListError,
  type SsrfGuardOptions,
} from './ssrf-guard.ts';
import { receivedHeader, startHttpServer, type TestServer } from './testing.ts';
import type { HttpResult, SendOptions } from './types.ts';

describe('refusalReason', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['::1', 'loopback address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback address'],
    ['169.254.169.254', 'link-local/metadata address'],
    ['::ffff:169.254.169.254', 'link-local/metadata address'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['10.0.0.1', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['::ffff:10.1.2.3', 'private address'],
    ['fd00::1', 'private address'],
    ['fc00::1', 'private address'],
    ['0.0.0.0', 'unspecified address'],
    ['::', 'unspecified address'],
    ['100.64.0.1', 'shared address space (CGNAT)'],
    ['100.127.255.254', 'shared address space (CGNAT)'],
    ['224.0.0.1', 'multicast address'],
    ['ff02::1', 'multicast address'],
    ['255.255.255.255', 'reserved address'],
    // IPv4 carried inside IPv6: NAT64, IPv4-compatible and 6to4 forms.
    ['64:ff9b::7f00:1', 'loopback address'],
    ['64:ff9b::a9fe:a9fe', 'link-local/metadata address'],
    ['::127.0.0.1', 'loopback address'],
    ['::a00:1', 'private address'],
    ['2002:a9fe:a9fe::1', 'link-local/metadata address'],
    ['not-an-ip', 'not an IP address'],
  ])('%s → %s', (address, reason) => {
    expect(refusalReason(address)).toBe(reason);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700::6810:85e5',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('%s is public', (address) => {
    expect(refusalReason(address)).toBeUndefined();
  });

  it('reads embedded IPv4 only from the schemes that carry one', () => {
    expect(embeddedIPv4('64:ff9b::c000:221')).toBe('192.0.2.33');
    expect(embeddedIPv4('2002:c000:221::')).toBe('192.0.2.33');
    expect(embeddedIPv4('2606:4700::1')).toBeUndefined();
    expect(embeddedIPv4('::1')).toBeUndefined();
    expect(embeddedIPv4('10.0.0.1')).toBeUndefined();
  });
});

describe('parseSsrfAllowList', () => {
  it('accepts CIDRs, addresses, host names and wildcards', () => {
    expect(
      parseSsrfAllowList(' 10.0.0.0/8, internal.example ,*.corp.example,fd00::/8,[::1],10.1.2.3'),
    ).toEqual(['10.0.0.0/8', 'internal.example', '*.corp.example', 'fd00::/8', '[::1]', '10.1.2.3']);
    expect(parseSsrfAllowList('')).toEqual([]);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/8/1', 'http://internal.example', 'bad host', '*.', 'fd00::/129', 'a..b'])(
    'rejects %s, naming it',
    (entry) => {
      expect(() => parseSsrfAllowList(entry)).toThrow(SsrfAllowListError);
      expect(() => parseSsrfAllowList(entry)).toThrow(`"${entry}"`);
    },
  );
});

/** A resolver for made-up names (the real one is never asked). */
function fakeDns(table: Record<string, string[]>): NonNullable<SsrfGuardOptions['resolve']> {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`no ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

describe('createSsrfGuard', () => {
  const dns = fakeDns({
    'public.test': ['93.184.216.34', '2606:4700::1'],
    'metadata.test': ['169.254.169.254'],
    'rebind.test': ['93.184.216.34', '127.0.0.1'],
    'internal.example': ['10.0.0.5'],
    'db.corp.example': ['10.9.9.9'],
    localhost: ['127.0.0.1', '::1'],
  });
  const strict = createSsrfGuard({ resolve: dns });
  const refused = (shown: string, reason: string) => `refused to connect to ${shown}: ${reason} (SSRF guard)`;

  it('returns the checked address of a public host, to pin the connection to', async () => {
    await expect(strict(new URL('https://public.test/x'))).resolves.toEqual({ address: '93.184.216.34' });
    await expect(strict(new URL('http://[2606:4700::1]:8080/'))).resolves.toEqual({
      address: '2606:4700::1',
    });
  });

  it('refuses the metadata address, private and loopback hosts with a message naming why', async () => {
    await expect(strict(new URL('http://169.254.169.254/latest/meta-data'))).rejects.toThrow(
      refused('169.254.169.254', 'link-local/metadata address'),
    );
    await expect(strict(new URL('http://metadata.test/'))).rejects.toThrow(
      refused('metadata.test (169.254.169.254)', 'link-local/metadata address'),
    );
    await expect(strict(new URL('http://localhost:7300/'))).rejects.toThrow(
      refused('localhost (127.0.0.1)', 'loopback address'),
    );
    await expect(strict(new URL('http://internal.example/'))).rejects.toMatchObject({
      name: 'SsrfRefusedError',
      code: 'ESSRF',
    });
  });

  it('refuses a host when any of its addresses is refused (round-robin rebinding)', async () => {
    await expect(strict(new URL('http://rebind.test/'))).rejects.toThrow(
      refused('rebind.test (127.0.0.1)', 'loopback address'),
    );
  });

  it.each([
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe'],
    ['http://0251.0376.0251.0376/', '169.254.169.254'],
    ['http://0/', '0.0.0.0'],
    ['http://[::]/', '::'],
  ])('refuses the spelling %s (read as %s)', async (url, address) => {
    await expect(strict(new URL(url))).rejects.toThrow(`refused to connect to ${address}:`);
  });

  it('allows loopback only when told to, and nothing else with it', async () => {
    const local = createSsrfGuard({ allowLoopback: true, resolve: dns });
    await expect(local(new URL('http://localhost:7300/'))).resolves.toEqual({ address: '127.0.0.1' });
    await expect(local(new URL('http://[::ffff:127.0.0.1]/'))).resolves.toEqual({ address: '::ffff:7f00:1' });
    await expect(local(new URL('http://169.254.169.254/'))).rejects.toThrow('link-local/metadata');
    await expect(local(new URL('http://10.0.0.1/'))).rejects.toThrow('private address');
    await expect(local(new URL('http://0.0.0.0/'))).rejects.toThrow('unspecified address');
  });

  it('lets the allow-list permit CIDRs and host names, and nothing more', async () => {
    const guard = createSsrfGuard({
      allow: parseSsrfAllowList('10.0.0.0/24,*.corp.example,fd00::/8'),
      resolve: dns,
    });
    await expect(guard(new URL('http://10.0.0.7/'))).resolves.toEqual({ address: '10.0.0.7' });
    await expect(guard(new URL('http://[::ffff:10.0.0.7]/'))).resolves.toEqual({ address: '::ffff:a00:7' });
    await expect(guard(new URL('http://[fd00::1]/'))).resolves.toEqual({ address: 'fd00::1' });
    await expect(guard(new URL('http://internal.example/'))).resolves.toEqual({ address: '10.0.0.5' });
    await expect(guard(new URL('http://db.corp.example/'))).resolves.toEqual({ address: '10.9.9.9' });
    await expect(guard(new URL('http://10.0.1.7/'))).rejects.toThrow('private address');
    await expect(guard(new URL('http://corp.example/'))).rejects.toThrow(
      'getaddrinfo ENOTFOUND corp.example',
    );
    await expect(guard(new URL('http://169.254.169.254/'))).rejects.toThrow('link-local/metadata');
    const byName = createSsrfGuard({ allow: ['internal.example'], resolve: dns });
    await expect(byName(new URL('http://INTERNAL.example./'))).resolves.toEqual({ address: '10.0.0.5' });
    await expect(byName(new URL('http://10.0.0.5/'))).rejects.toThrow('private address');
  });

  it('fails an unknown host as a DNS error and refuses a bad allow-list at creation', async () => {
    await expect(strict(new URL('http://nowhere.test/'))).rejects.toMatchObject({
      message: 'getaddrinfo ENOTFOUND nowhere.test',
      code: 'ENOTFOUND',
    });
    expect(() => createSsrfGuard({ allow: ['10.0.0.0/99'] })).toThrow(SsrfAllowListError);
  });

  it('asks the system resolver by default', async () => {
    const guard = createSsrfGuard();
    await expect(guard(new URL('http://localhost/'))).rejects.toThrow(
      /refused to connect to localhost \((127\.0\.0\.1|::1)\): loopback/,
    );
  });
});

describe('the guard on the wire (recording servers)', () => {
  let target: TestServer;
  let other: TestServer;
  beforeAll(async () => {
    target = await startHttpServer();
    other = await startHttpServer();
  });
  afterAll(async () => {
    await target.close();
    await other.close();
    await closeHttpAgents();
  });

  async function send(url: string, checkEgress: SendOptions['checkEgress']): Promise<HttpResult> {
    const profile = {};
    const request = await buildHttpRequest(
      { url: { raw: url }, method: 'GET', header: [] },
      { workingDir: process.cwd(), profile, userAgent: 'Postern/test' },
    );
    return sendHttpRequest(request, { tls: { rejectUnauthorized: true }, profile, checkEgress });
  }

  it('never reaches a refused target', async () => {
    const before = target.received.length;
    const guard = createSsrfGuard({ allowLoopback: false });
    await expect(send(`http://127.0.0.1:${target.port}/echo`, guard)).rejects.toThrow(
      'refused to connect to 127.0.0.1: loopback address (SSRF guard)',
    );
    await expect(send(`http://0x7f.1:${target.port}/echo`, guard)).rejects.toThrow(
      'refused to connect to 127.0.0.1',
    );
    await expect(send(`http://[::ffff:127.0.0.1]:${target.port}/echo`, guard)).rejects.toThrow('loopback');
    expect(target.received.length).toBe(before);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // `pinned.test` exists only in the guard's resolver: a transport that resolved the name again
    // would fail with ENOTFOUND instead of reaching the server.
    let lookups = 0;
    const guard = createSsrfGuard({
      allowLoopback: true,
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    const result = await send(`http://pinned.test:${target.port}/echo`, guard);
    expect(result.response.code).toBe(200);
    expect(lookups).toBe(1);
    const arrived = target.received.at(-1);
    expect(arrived && receivedHeader(arrived, 'host')).toBe(`pinned.test:${target.port}`);
  });

  it('checks every redirect hop: an allowed host cannot redirect to a refused one', async () => {
    const guard = createSsrfGuard({
      allow: ['allowed.test'],
      resolve: fakeDns({ 'allowed.test': ['127.0.0.1'] }),
    });
    const targetBefore = target.received.length;
    const otherBefore = other.received.length;
    const to = encodeURIComponent(`http://127.0.0.1:${other.port}/echo`);
    await expect(send(`http://allowed.test:${target.port}/redirect?to=${to}`, guard)).rejects.toThrow(
      'refused to connect to 127.0.0.1: loopback address (SSRF guard)',
    );
    expect(target.received.length).toBe(targetBefore + 1);
    expect(other.received.length).toBe(otherBefore);
  });
});

describe('a pinned TLS connection still verifies the certificate for the host name', () => {
  let tlsEcho: RunningServer;
  let ca: string;
  beforeAll(async () => {
    const material = await generateTlsMaterial();
    ca = material.ca;
    tlsEcho = await startEchoServer({ https: true, tls: material });
  });
  afterAll(async () => {
    await tlsEcho.close();
    await closeHttpAgents();
  });

  const sendTls = async (host: string) => {
    const profile = {};
    const request = await buildHttpRequest(
      { url: { raw: `https://${host}:${tlsEcho.port}/get` }, method: 'GET', header: [] },
      { workingDir: process.cwd(), profile, userAgent: 'Postern/test' },
    );
    const checkEgress = createSsrfGuard({
      allowLoopback: true,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    return sendHttpRequest(request, {
      tls: { rejectUnauthorized: true, extraCa: Buffer.from(ca) },
      profile,
      checkEgress,
    });
  };

  it('accepts the name on the certificate and refuses another name pinned to the same address', async () => {
    const ok = await sendTls('localhost');
    expect(ok.response.code).toBe(200);
    await expect(sendTls('impostor.test')).rejects.toThrow(/altnames|Hostname\/IP does not match/i);
  });
});

describe('the guard in a run (egressGuard option)', () => {
  let echo: RunningServer;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(() => echo.close());

  it('fails refused items and pm.sendRequest as request errors and lets the rest run', async () => {
    const collection = collectionOf([
      {
        name: 'metadata',
        url: 'http://169.254.169.254/latest/meta-data/',
        prerequest: [
          `pm.sendRequest('http://127.0.0.1:${echo.port}/get', (err, res) =>`,
          "  pm.environment.set('sent', err ? err.message : String(res.code)));",
        ].join('\n'),
      },
      { name: 'loopback', url: `http://localhost:${echo.port}/get` },
    ]);
    const strict = await recordRun({
      collection,
      environment: { name: 'e', values: [] },
      egressGuard: createSsrfGuard({ allowLoopback: false }),
    });
    const requests = payloads(strict.events, 'request');
    const main = requests.filter((r) => !r.sendRequest);
    expect(main.map((r) => r.error?.message)).toEqual([
      'refused to connect to 169.254.169.254: link-local/metadata address (SSRF guard)',
      expect.stringMatching(/^refused to connect to localhost \(.+\): loopback address \(SSRF guard\)$/),
    ]);
    const env = Object.fromEntries((strict.summary.environment?.values ?? []).map((v) => [v.key, v.value]));
    expect(env.sent).toBe('refused to connect to 127.0.0.1: loopback address (SSRF guard)');
    expect(strict.summary.stats.requests.failed).toBe(3);

    const local = await recordRun({
      collection: collectionOf([{ name: 'loopback', url: `http://localhost:${echo.port}/get` }]),
      egressGuard: createSsrfGuard({ allowLoopback: true }),
    });
    expect(payloads(local.events, 'request')[0]?.response?.code).toBe(200);
  });
});
