/**
 * The SSRF guard of server-side runs: a server that refuses loopback (as on any non-loopback
 * address, here forced with POSTERN_SSRF_ALLOW_LOOPBACK=false) refuses internal targets in every
 * spelling, on redirects and in pm.sendRequest, and none of them is reached; its settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startEchoServer } from '../../../test/fixtures/echo/index.mjs';
import { resolveConfig } from '../src/config.ts';
import { startServer } from '../src/index.ts';
import { DATABASE_KINDS } from './databases.ts';
import { newMember, startTestServer, type TestServer } from './helpers.ts';
import {
  collectionJson,
  makeCollection,
  makeWorkspace,
  type RecordingServer,
  startRecordingServer,
} from './runs-helpers.ts';

const refused = (target: string, reason: string) => `refused to connect to ${target}: ${reason} (SSRF guard)`;

describe.each(DATABASE_KINDS)('SSRF guard of server-side runs (%s)', (kind) => {
  let t: TestServer;
  let echo: RunningServer;
  let target: RecordingServer;
  let member: Awaited<ReturnType<typeof newMember>>;
  let workspaceId: string;

  beforeAll(async () => {
    // `localhost` is allow-listed by name, so it can serve the redirect towards a refused address.
    t = await startTestServer(kind, {
      POSTERN_SSRF_ALLOW_LOOPBACK: 'false',
      POSTERN_SSRF_ALLOW: 'localhost',
    });
    echo = await startEchoServer();
    target = await startRecordingServer();
    member = await newMember(t);
    workspaceId = await makeWorkspace(member.session);
  });
  afterAll(async () => {
    await t?.close();
    await echo?.close();
    await target?.close();
  });

  it('refuses loopback, metadata, mapped and hex spellings, redirects and pm.sendRequest; reaches none', async () => {
    const p = target.port;
    const redirect = `http://localhost:${echo.port}/redirect-to?url=${encodeURIComponent(`http://127.0.0.1:${p}/redirected`)}`;
    const id = await makeCollection(
      member.session,
      workspaceId,
      collectionJson('Internal', [
        { name: 'loopback', url: `http://127.0.0.1:${p}/direct` },
        { name: 'metadata', url: 'http://169.254.169.254/latest/meta-data/' },
        { name: 'mapped', url: `http://[::ffff:127.0.0.1]:${p}/mapped` },
        { name: 'hex', url: `http://0x7f.1:${p}/hex` },
        { name: 'decimal', url: `http://2130706433:${p}/decimal` },
        { name: 'private', url: `http://10.0.0.1:${p}/private` },
        { name: 'redirect', url: redirect },
        {
          name: 'script',
          url: `http://localhost:${echo.port}/get`,
          prerequest: [
            `pm.sendRequest('http://127.0.0.1:${p}/script', (err, res) =>`,
            "  pm.variables.set('sent', err ? err.message : 'reached ' + res.code));",
          ].join('\n'),
          test: "pm.test('sendRequest: ' + pm.variables.get('sent'), () => {});",
        },
      ]),
    );
    const res = await member.key.post(`/api/collections/${id}/runs`, {});
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.run.executions.map((e: { item: { name: string } }) => [e.item.name, e]),
    );
    expect(byName.loopback.requestError).toBe(refused('127.0.0.1', 'loopback address'));
    expect(byName.loopback.response).toBeNull();
    expect(byName.metadata.requestError).toBe(refused('169.254.169.254', 'link-local/metadata address'));
    expect(byName.mapped.requestError).toBe(refused('::ffff:7f00:1', 'loopback address'));
    expect(byName.hex.requestError).toBe(refused('127.0.0.1', 'loopback address'));
    expect(byName.decimal.requestError).toBe(refused('127.0.0.1', 'loopback address'));
    expect(byName.private.requestError).toBe(refused('10.0.0.1', 'private address'));
    expect(byName.redirect.requestError).toBe(refused('127.0.0.1', 'loopback address'));
    expect(byName.script.response.code).toBe(200);
    expect(byName.script.assertions[0].name).toBe(`sendRequest: ${refused('127.0.0.1', 'loopback address')}`);
    // Seven items and the script's pm.sendRequest each fail as a request error.
    expect(res.body.run.failures.filter((f: { at: string }) => f.at === 'request')).toHaveLength(8);
    expect(target.hits).toEqual([]);
  });

  it('refuses a loopback host name that is not allow-listed', async () => {
    const strict = await startTestServer(kind, { POSTERN_SSRF_ALLOW_LOOPBACK: 'false' });
    try {
      const someone = await newMember(strict);
      const ws = await makeWorkspace(someone.session);
      const id = await makeCollection(
        someone.session,
        ws,
        collectionJson('Local', [{ name: 'localhost', url: `http://localhost:${target.port}/by-name` }]),
      );
      const res = await someone.key.post(`/api/collections/${id}/runs`, {});
      expect(res.body.run.executions[0].requestError).toMatch(
        /^refused to connect to localhost \((127\.0\.0\.1|::1)\): loopback address \(SSRF guard\)$/,
      );
      expect(target.hits).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

describe('SSRF settings', () => {
  it('allow loopback only on a loopback bind address unless told otherwise', () => {
    expect(resolveConfig({ env: {} }).ssrf).toEqual({ allowLoopback: true, allow: [] });
    expect(resolveConfig({ host: '::1', env: {} }).ssrf.allowLoopback).toBe(true);
    expect(resolveConfig({ host: '0.0.0.0', env: {} }).ssrf.allowLoopback).toBe(false);
    expect(resolveConfig({ host: '192.0.2.10', env: {} }).ssrf.allowLoopback).toBe(false);
    expect(resolveConfig({ env: { POSTERN_SSRF_ALLOW_LOOPBACK: 'false' } }).ssrf.allowLoopback).toBe(false);
    expect(
      resolveConfig({ host: '0.0.0.0', env: { POSTERN_SSRF_ALLOW_LOOPBACK: 'true' } }).ssrf.allowLoopback,
    ).toBe(true);
    expect(
      resolveConfig({ env: { POSTERN_SSRF_ALLOW: ' 10.0.0.0/8, internal.example ,' } }).ssrf.allow,
    ).toEqual(['10.0.0.0/8', 'internal.example']);
    expect(() => resolveConfig({ env: { POSTERN_SSRF_ALLOW_LOOPBACK: 'yes' } })).toThrow(
      'POSTERN_SSRF_ALLOW_LOOPBACK must be true or false, got "yes"',
    );
  });

  it('does not start with an allow-list entry that is neither a CIDR nor a host name', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'postern-ssrf-'));
    try {
      await expect(
        startServer({
          version: 't',
          port: 0,
          dataDir,
          log: () => {},
          env: { POSTERN_SSRF_ALLOW: '10.0.0.0/99' },
        }),
      ).rejects.toThrow('POSTERN_SSRF_ALLOW: SSRF allow-list entry "10.0.0.0/99" is not a CIDR');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
