/**
 * Server-side runs, "use without seeing": a viewer runs a stored collection with an environment
 * whose secrets they cannot reveal; the echo fixture reflects the secret back, and the answer,
 * the audit trail, the database files and the server's log lines must not hold it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startEchoServer } from '../../../test/fixtures/echo/index.mjs';
import { DATABASE_KINDS } from './databases.ts';
import { newMember, startTestServer, type TestServer } from './helpers.ts';
import {
  collectionJson,
  makeCollection,
  makeEnvironment,
  makeWorkspace,
  type RecordingServer,
  startRecordingServer,
} from './runs-helpers.ts';

/** Characters that change under JSON, percent and base64 encoding. */
const SECRET = 'sk_live_Pl4nted/Secret+Value"9z';
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

/** Every form of the secret that must not appear anywhere. */
const FORMS = [
  SECRET,
  JSON.stringify(SECRET).slice(1, -1),
  encodeURIComponent(SECRET),
  Buffer.from(SECRET).toString('base64').replace(/=+$/, ''),
];

const REFLECT_TEST = [
  "const got = pm.response.json().headers['x-api-key'];",
  "pm.test('echoed ' + got, () => pm.expect(got).to.eql('something else'));",
  "pm.test('encoded ' + encodeURIComponent(got) + ' ' + btoa(got), () => {});",
  "pm.test('sha ' + CryptoJS.SHA256(got).toString(), () => {});",
  'console.log(got);',
].join('\n');

describe.each(DATABASE_KINDS)('server-side runs with secrets (%s)', (kind) => {
  let t: TestServer;
  let echo: RunningServer;
  let recorder: RecordingServer;
  let owner: Awaited<ReturnType<typeof newMember>>;
  let viewer: Awaited<ReturnType<typeof newMember>>;
  let workspaceId: string;
  let collectionId: string;
  let environmentId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    echo = await startEchoServer();
    recorder = await startRecordingServer();
    owner = await newMember(t);
    viewer = await newMember(t);
    workspaceId = await makeWorkspace(owner.session, [{ userId: viewer.id, role: 'viewer' }]);
    environmentId = await makeEnvironment(owner.session, workspaceId, [
      { key: 'apiKey', value: SECRET, type: 'secret' },
      { key: 'base', value: echo.url },
    ]);
    collectionId = await makeCollection(
      owner.session,
      workspaceId,
      collectionJson('Reflect', [
        {
          name: 'reflect',
          url: '{{base}}/headers',
          header: [{ key: 'X-Api-Key', value: '{{apiKey}}' }],
          test: REFLECT_TEST,
        },
        { name: 'loopback target', url: `${recorder.url}/hit` },
      ]),
    );
  });
  afterAll(async () => {
    await t?.close();
    await echo?.close();
    await recorder?.close();
  });

  const run = (client = viewer, body: unknown = { environmentId }) =>
    client.key.post(`/api/collections/${collectionId}/runs`, body);

  it('runs for a viewer who cannot reveal the secret, injecting it and redacting every form of it', async () => {
    expect((await viewer.key.get(`/api/environments/${environmentId}?reveal=true`)).status).toBe(403);
    const res = await run();
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const form of FORMS) expect(text).not.toContain(form);

    const { run: result } = res.body;
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.collection).toEqual({ id: collectionId, name: 'Reflect' });
    expect(result.environment).toEqual({ id: environmentId, name: 'Env' });
    expect(result.stats.requests).toEqual({ total: 2, pending: 0, failed: 0 });
    expect(result.stats.assertions.failed).toBe(1);
    expect(result.timings.started).toBeTypeOf('number');
    const [reflect, loopback] = result.executions;
    expect(reflect.item.name).toBe('reflect');
    expect(reflect.response).toMatchObject({ code: 200, status: 'OK' });
    expect(reflect.response.responseTime).toBeTypeOf('number');
    expect(reflect.request.url).toBe(`${echo.url}/headers`);
    expect(reflect.assertions).toEqual([
      {
        name: 'echoed [secret:apiKey]',
        passed: false,
        skipped: false,
        error: "expected '[secret:apiKey]' to deeply equal 'something else'",
      },
      { name: 'encoded [secret:apiKey] [secret:apiKey]', passed: true, skipped: false },
      // The hash proves the runner had the real value.
      { name: `sha ${sha(SECRET)}`, passed: true, skipped: false },
    ]);
    // The server bound to 127.0.0.1 is the user's own machine: loopback targets are allowed.
    expect(loopback.response.code).toBe(200);
    expect(recorder.hits).toContain('/hit');
    expect(result.failures).toEqual([
      {
        at: 'assertion:0 in test-script',
        iteration: 0,
        source: expect.objectContaining({ name: 'reflect' }),
        error: expect.objectContaining({
          name: 'AssertionError',
          message: "expected '[secret:apiKey]' to deeply equal 'something else'",
          test: 'echoed [secret:apiKey]',
        }),
      },
    ]);
  });

  it('audits collection.run with ids and counts, never the value', async () => {
    await run();
    const rows = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'collection.run')
      .where('actor_id', '=', viewer.id)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({
      target_type: 'collection',
      target_id: collectionId,
      workspace_id: workspaceId,
    });
    expect(JSON.parse(row.data)).toMatchObject({ environmentId, iterations: 1, requests: 2, failures: 1 });
    const all = await t.server.database.db.selectFrom('audit_logs').selectAll().execute();
    for (const form of FORMS) expect(JSON.stringify(all)).not.toContain(form);
  });

  it('keeps the secret out of the database files and the server log', async () => {
    await run();
    for (const form of FORMS) expect(t.lines.join('\n')).not.toContain(form);
    if (kind === 'sqlite') {
      const files = readdirSync(t.database.dataDir).filter((f) => /\.(db|sqlite)(-wal|-shm)?$|-wal$/.test(f));
      expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
      for (const file of files) {
        const bytes = readFileSync(join(t.database.dataDir, file));
        for (const form of FORMS)
          expect(bytes.includes(Buffer.from(form)), `${file} holds ${form}`).toBe(false);
      }
    } else {
      for (const table of ['environment_variables', 'audit_logs', 'collections'] as const) {
        const rows = await t.server.database.db.selectFrom(table).selectAll().execute();
        for (const form of FORMS) expect(JSON.stringify(rows)).not.toContain(form);
      }
    }
  });

  it('runs the iterations and folder asked for, within the limits', async () => {
    const twice = await run(viewer, { environmentId, iterationCount: 2, folder: 'loopback target' });
    expect(twice.status).toBe(200);
    expect(twice.body.run.stats.iterations.total).toBe(2);
    expect(
      twice.body.run.executions.map((e: { item: { name: string }; iteration: number }) => e.iteration),
    ).toEqual([0, 1]);
    const tooMany = await run(viewer, { environmentId, iterationCount: 101 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.name).toBe('invalidParams');
    const noFolder = await run(viewer, { folder: 'nowhere' });
    expect(noFolder.status).toBe(400);
    expect(noFolder.body.error.message).toContain('nowhere');
    expect((await run(viewer, { unknown: 1 })).status).toBe(400);
    const bare = await viewer.key.request('POST', `/api/collections/${collectionId}/runs`);
    expect(bare.body).toMatchObject({ run: { stats: { iterations: { total: 1 } } } });
  });

  it('answers 404 for a collection or environment the caller cannot read, 401 without a caller', async () => {
    const stranger = await newMember(t);
    expect((await run(stranger)).status).toBe(404);
    const ownWs = await makeWorkspace(stranger.session);
    const ownCollection = await makeCollection(stranger.session, ownWs, collectionJson('Mine', []));
    const foreignEnv = await stranger.key.post(`/api/collections/${ownCollection}/runs`, { environmentId });
    expect(foreignEnv.status).toBe(404);
    const anonymous = await fetch(`${t.url}/api/collections/${collectionId}/runs`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('refuses secrets the caller cannot reveal to a collection the caller can change', async () => {
    // The viewer's own workspace: a collection of theirs could print the secret anywhere.
    const ownWs = await makeWorkspace(viewer.session);
    const leaky = await makeCollection(
      viewer.session,
      ownWs,
      collectionJson('Leaky', [
        {
          name: 'print',
          url: `${echo.url}/get`,
          test: "pm.test(pm.environment.get('apiKey').split('').reverse().join(''))",
        },
      ]),
    );
    const res = await viewer.key.post(`/api/collections/${leaky}/runs`, { environmentId });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('forbidden');
    expect(JSON.stringify(res.body)).not.toContain([...SECRET].reverse().join(''));
    // An editor may reveal the secrets anyway, so may run them with any collection they can read.
    const ownerWs = await makeWorkspace(owner.session);
    const ownerCollection = await makeCollection(owner.session, ownerWs, collectionJson('Owner', []));
    expect((await owner.key.post(`/api/collections/${ownerCollection}/runs`, { environmentId })).status).toBe(
      200,
    );
  });

  it('reads no file of the server for file and form-data bodies', async () => {
    const ws = await makeWorkspace(owner.session);
    const id = await makeCollection(
      owner.session,
      ws,
      collectionJson('Files', [
        {
          name: 'file',
          method: 'POST',
          url: `${recorder.url}/file`,
          body: { mode: 'file', file: { src: '/etc/passwd' } },
        },
        {
          name: 'form',
          method: 'POST',
          url: `${recorder.url}/form`,
          body: {
            mode: 'formdata',
            formdata: [{ key: 'f', type: 'file', src: '../../../../../../etc/passwd' }],
          },
        },
      ]),
    );
    const before = recorder.bodies.length;
    const res = await owner.key.post(`/api/collections/${id}/runs`, {});
    expect(res.status).toBe(200);
    const sent = recorder.bodies.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) expect(body).not.toContain('root:');
  });

  it('stops a run at the time limit and says so', async () => {
    const slow = await startTestServer(kind, { POSTERN_RUN_TIMEOUT_MS: '300' });
    try {
      const member = await newMember(slow);
      const ws = await makeWorkspace(member.session);
      const id = await makeCollection(
        member.session,
        ws,
        collectionJson('Slow', [
          { name: 'slow', url: `${echo.url}/delay/5` },
          { name: 'never', url: `${echo.url}/get` },
        ]),
      );
      const started = Date.now();
      const res = await member.key.post(`/api/collections/${id}/runs`, {});
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(res.body.run.error).toEqual({
        name: 'runTimeout',
        message: "The run was stopped after 300 ms (the server's limit)",
      });
      expect(res.body.run.executions.map((e: { item: { name: string } }) => e.item.name)).not.toContain(
        'never',
      );
    } finally {
      await slow.close();
    }
  });
});
