import { type VariableList, VariableScope } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startEchoServer } from '../../../../test/fixtures/echo/index.mjs';
import { secretEgressGuard } from './egress.ts';
import { run } from './run.ts';
import {
  collectionOf,
  payloads,
  type RunTestServer,
  recordingListener,
  recordRun,
  startRunTestServer,
} from './run-testing.ts';

const SECRET = 'sk_test_egress_4f9a21';

const environment = (allowedDomains: unknown = ['localhost']): VariableList => ({
  name: 'egress',
  values: [
    { key: 'apiKey', value: SECRET, type: 'secret', allowedDomains } as VariableList['values'][number],
    { key: 'plain', value: 'not bound' },
  ],
});

const scopesWith = (values: VariableList['values']) => ({
  globals: new VariableScope([]),
  environment: new VariableScope(values),
  collectionVariables: new VariableScope([]),
  local: new VariableScope([]),
});

describe('secret egress guard', () => {
  it('installs no hook when no variable has allowedDomains', () => {
    expect(secretEgressGuard(scopesWith([{ key: 'apiKey', value: SECRET, type: 'secret' }]))).toBeUndefined();
    expect(
      secretEgressGuard(scopesWith([{ key: 'apiKey', value: SECRET, allowedDomains: [] }])),
    ).toBeUndefined();
    expect(secretEgressGuard(scopesWith(environment().values))).toBeTypeOf('function');
  });

  it('refuses to start a run whose allowedDomains hold something that is not a host pattern', async () => {
    const collection = collectionOf([{ name: 'r', url: 'http://127.0.0.1:9/' }]);
    const { listener, events } = recordingListener();
    await expect(
      run({ collection, environment: environment(['https://api.stripe.com']) }, listener),
    ).rejects.toThrow(
      /^environment variable "apiKey": allowedDomains "https:\/\/api.stripe.com" is not a host pattern \(no scheme\)/,
    );
    expect(events).toEqual([]);
  });
});

describe('secret egress in a run (echo fixture)', () => {
  let echo: RunningServer;
  let local: string;
  let ip: string;
  beforeAll(async () => {
    echo = await startEchoServer();
    ip = `http://127.0.0.1:${echo.port}`;
    local = `http://localhost:${echo.port}`;
  });
  afterAll(() => echo.close());

  const refusal = (where: string) =>
    `refused to send secret "apiKey" to host 127.0.0.1 (allowed: localhost; found in ${where})`;

  it('refuses the secret to 127.0.0.1 in the URL, auth header, body and after a redirect; sends it to localhost', async () => {
    const collection = collectionOf([
      { name: 'url to ip', url: `${ip}/get?key={{apiKey}}` },
      { name: 'header to localhost', url: `${local}/get`, header: [{ key: 'X-Key', value: '{{apiKey}}' }] },
      {
        name: 'basic auth to ip',
        url: `${ip}/basic-auth`,
        auth: {
          type: 'basic',
          basic: [
            { key: 'username', value: 'postman' },
            { key: 'password', value: '{{apiKey}}' },
          ],
        },
      },
      {
        name: 'redirected to ip',
        url: `${local}/redirect-to?url=${encodeURIComponent(`${ip}/get`)}`,
        header: [{ key: 'X-Key', value: '{{apiKey}}' }],
      },
      { name: 'unbound to ip', url: `${ip}/get?plain={{plain}}` },
    ]);
    const { events, summary } = await recordRun({ collection, environment: environment() });
    const requests = payloads(events, 'request');
    const byName = (name: string) => requests.filter((r) => r.item.name === name);
    expect(byName('url to ip')[0]?.error?.message).toBe(refusal('the URL'));
    expect(byName('url to ip')[0]?.response).toBeUndefined();
    expect(byName('basic auth to ip')[0]?.error?.message).toBe(refusal('a header'));
    const redirected = byName('redirected to ip');
    expect(redirected[0]?.error?.message).toBe(refusal('a header'));
    expect(byName('unbound to ip')[0]?.response?.code).toBe(200);
    const allowed = byName('header to localhost')[0];
    expect(allowed?.error).toBeUndefined();
    expect(allowed?.response?.code).toBe(200);
    expect(JSON.parse(String(allowed?.response?.body)).headers['x-key']).toBe(SECRET);
    expect(summary.failureCount).toBe(3);
    for (const r of requests) expect(r.error?.message ?? '').not.toContain(SECRET);
  });

  it('guards pm.sendRequest, and follows values that scripts change or copy', async () => {
    const collection = collectionOf([
      {
        name: 'scripts',
        url: `${local}/get`,
        prerequest: [
          `pm.sendRequest({ url: '${ip}/post', method: 'POST', body: { mode: 'raw', raw: 'k=' + pm.environment.get('apiKey') } },`,
          "  (err) => pm.environment.set('toIp', err ? err.message : 'sent'));",
          `pm.sendRequest('${local}/get?k=' + pm.environment.get('apiKey'),`,
          "  (err, res) => pm.environment.set('toLocalhost', err ? err.message : String(res.code)));",
        ].join('\n'),
      },
      {
        name: 'copied to ip',
        url: `${ip}/get?c={{copy}}`,
        prerequest: "pm.variables.set('copy', pm.environment.get('apiKey'));",
      },
      {
        name: 'changed to ip',
        url: `${ip}/get`,
        header: [{ key: 'X-Key', value: '{{apiKey}}' }],
        prerequest: "pm.environment.set('apiKey', 'rotated-secret-9876');",
      },
    ]);
    const { events, summary } = await recordRun({ collection, environment: environment() });
    const env = Object.fromEntries((summary.environment?.values ?? []).map((v) => [v.key, v.value]));
    expect(env.toIp).toBe(refusal('the body'));
    expect(env.toLocalhost).toBe('200');
    const requests = payloads(events, 'request');
    const sendRequests = requests.filter((r) => r.sendRequest);
    expect(sendRequests.map((r) => r.error?.message ?? r.response?.code)).toEqual([refusal('the body'), 200]);
    expect(requests.find((r) => r.item.name === 'copied to ip')?.error?.message).toBe(refusal('the URL'));
    const changed = requests.find((r) => r.item.name === 'changed to ip');
    expect(changed?.error?.message).toBe(refusal('a header'));
    expect(changed?.request.headers.find((h) => h.key === 'X-Key')?.value).toBe('rotated-secret-9876');
  });
});

describe('secret egress: refused requests never arrive', () => {
  let server: RunTestServer;
  beforeAll(async () => {
    server = await startRunTestServer();
  });
  afterAll(() => server.close());

  it('sends nothing to the refused host and everything else', async () => {
    const port = new URL(server.origin).port;
    const collection = collectionOf([
      { name: 'refused', url: `http://127.0.0.1:${port}/echo?refused={{apiKey}}` },
      { name: 'allowed', url: `http://localhost:${port}/echo?allowed={{apiKey}}` },
      { name: 'unbound', url: `http://127.0.0.1:${port}/echo?unbound=1` },
    ]);
    await recordRun({ collection, environment: environment() });
    expect(server.arrived.map((a) => a.url)).toEqual([`/echo?allowed=${SECRET}`, '/echo?unbound=1']);
  });
});
