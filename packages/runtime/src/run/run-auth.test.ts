import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf, payloads, type RunTestServer, recordRun, startRunTestServer } from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

const bearer = (token: string) => ({
  type: 'bearer',
  bearer: [{ key: 'token', value: token, type: 'string' }],
});
const basic = (username: string, password: string) => ({
  type: 'basic',
  basic: [
    { key: 'username', value: username, type: 'string' },
    { key: 'password', value: password, type: 'string' },
  ],
});

/** The Authorization header the server received for each path. */
function authorizationByPath(from: number): Record<string, string | undefined> {
  return Object.fromEntries(server.arrived.slice(from).map((r) => [r.url, r.headers.authorization]));
}

describe('auth inheritance', () => {
  it('applies the nearest auth: request, then folders, then collection; noauth stops the walk', async () => {
    const from = server.arrived.length;
    const collection = collectionOf(
      [
        { name: 'inherits collection', url: `${server.origin}/root` },
        { name: 'own auth', url: `${server.origin}/own`, auth: bearer('request-token') },
        { name: 'noauth request', url: `${server.origin}/none`, auth: { type: 'noauth' } },
        {
          name: 'Basic folder',
          auth: basic('bob', 'pw'),
          item: [
            { name: 'inherits folder', url: `${server.origin}/folder` },
            { name: 'Inner', item: [{ name: 'inherits outer folder', url: `${server.origin}/inner` }] },
            { name: 'noauth in folder', url: `${server.origin}/folder-none`, auth: { type: 'noauth' } },
          ],
        },
        {
          name: 'Open folder',
          auth: { type: 'noauth' },
          item: [{ name: 'under noauth folder', url: `${server.origin}/open` }],
        },
      ],
      { auth: bearer('{{collectionToken}}') },
    );
    const { summary } = await recordRun({
      collection,
      environment: { values: [{ key: 'collectionToken', value: 'from-env' }] },
    });
    expect(summary.failureCount).toBe(0);
    const basicBob = `Basic ${Buffer.from('bob:pw').toString('base64')}`;
    expect(authorizationByPath(from)).toEqual({
      '/root': 'Bearer from-env',
      '/own': 'Bearer request-token',
      '/none': undefined,
      '/folder': basicBob,
      '/inner': basicBob,
      '/folder-none': undefined,
      '/open': undefined,
    });
  });

  it('uses a request auth changed by a pre-request script', async () => {
    const from = server.arrived.length;
    const collection = collectionOf(
      [
        {
          name: 'scripted',
          url: `${server.origin}/scripted`,
          prerequest:
            "pm.request.auth = { type: 'bearer', bearer: [{ key: 'token', value: 'from-script' }] };",
        },
      ],
      { auth: bearer('collection') },
    );
    await recordRun({ collection });
    expect(authorizationByPath(from)['/scripted']).toBe('Bearer from-script');
  });
});

describe('digest auth', () => {
  const digest = (password: string) => ({
    type: 'digest',
    digest: [
      { key: 'username', value: 'alice', type: 'string' },
      { key: 'password', value: password, type: 'string' },
      { key: 'algorithm', value: 'MD5', type: 'string' },
    ],
  });

  it('answers the challenge: two request events, 401 then 200, and tests see the 200', async () => {
    const collection = collectionOf([
      {
        name: 'digest',
        url: `${server.origin}/digest`,
        auth: digest('s3cret'),
        test: "pm.test('in', () => pm.response.to.have.status(200));",
      },
    ]);
    const { events, summary } = await recordRun({ collection });
    const requests = payloads(events, 'request');
    expect(requests.map((p) => p.response?.code)).toEqual([401, 200]);
    expect(requests[0]?.request.headers.some((h) => h.key.toLowerCase() === 'authorization')).toBe(false);
    expect(requests[1]?.request.headers.find((h) => h.key === 'Authorization')?.value).toMatch(
      /^Digest username="alice", realm="postern", nonce="n0nce"/,
    );
    expect(new Set(requests.map((p) => p.cursor.httpRequestId)).size).toBe(2);
    expect(new Set(requests.map((p) => p.cursor.ref)).size).toBe(1);
    expect(payloads(events, 'beforeRequest')).toHaveLength(2);
    expect(payloads(events, 'item')).toHaveLength(1);
    expect(summary.stats.requests.total).toBe(2);
    expect(summary.failureCount).toBe(0);
  });

  it('stops after one replay when the password is wrong', async () => {
    const collection = collectionOf([
      { name: 'digest', url: `${server.origin}/digest`, auth: digest('wrong') },
    ]);
    const { events } = await recordRun({ collection });
    expect(payloads(events, 'request').map((p) => p.response?.code)).toEqual([401, 401]);
  });
});

describe('pm.sendRequest', () => {
  it('reports its request with sendRequest: true and counts it in stats.requests', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([
      {
        name: 'main',
        url: `${server.origin}/main`,
        test: [
          "pm.sendRequest(pm.variables.replaceIn('{{origin}}/side?n=1'), (err, res) => {",
          "  pm.test('side answered', () => pm.expect(res.code).to.equal(200));",
          '});',
          "pm.sendRequest({ url: pm.variables.replaceIn('{{origin}}/echo'), method: 'POST', header: { 'X-Side': 'yes' } })",
          "  .then((res) => pm.test('echo sees header', () => pm.expect(res.json().headers['x-side']).to.equal('yes')));",
        ].join('\n'),
      },
    ]);
    const { events, summary } = await recordRun({
      collection,
      environment: { values: [{ key: 'origin', value: server.origin }] },
    });
    const requests = payloads(events, 'request');
    expect(requests.map((p) => [new URL(p.request.url).pathname, p.sendRequest ?? false])).toEqual([
      ['/main', false],
      ['/side', true],
      ['/echo', true],
    ]);
    expect(requests[2]?.request.method).toBe('POST');
    for (const p of requests) expect(p.item.name).toBe('main');
    expect(new Set(requests.map((p) => p.cursor.httpRequestId)).size).toBe(3);
    expect(summary.stats.requests.total).toBe(3);
    expect(payloads(events, 'assertion').map((p) => [p.assertion.name, p.assertion.passed])).toEqual([
      ['side answered', true],
      ['echo sees header', true],
    ]);
    expect(server.arrived.slice(from).map((r) => r.url)).toEqual(['/main', '/side?n=1', '/echo']);
    // All of it happens within the item: the item event comes last.
    const names = events.map((e) => e.name);
    expect(names.lastIndexOf('request')).toBeLessThan(names.indexOf('item'));
  });

  it('passes a failed pm.sendRequest to the callback and counts it as a request failure (as Newman)', async () => {
    const collection = collectionOf([
      {
        name: 'main',
        url: `${server.origin}/main`,
        test: [
          "pm.sendRequest('http://127.0.0.1:1/', (err, res) => {",
          "  pm.test('got an error', () => pm.expect(err).to.be.ok);",
          '});',
        ].join('\n'),
      },
    ]);
    const { events, summary } = await recordRun({ collection });
    const side = payloads(events, 'request').find((p) => p.sendRequest);
    expect(side?.error?.code).toBe('ECONNREFUSED');
    expect(payloads(events, 'assertion')[0]?.assertion.passed).toBe(true);
    expect(summary.stats.requests).toEqual({ total: 2, pending: 0, failed: 1 });
    expect(payloads(events, 'failure').map((f) => f.at)).toEqual(['request']);
    expect(summary.failureCount).toBe(1);
  });
});
