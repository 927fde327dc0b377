/**
 * Per-user private values: a member's own value of an environment variable, sealed at rest, shown
 * only to them (masked unless revealed), used in their runs instead of the shared value.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startEchoServer } from '../../../test/fixtures/echo/index.mjs';
import { DecryptError } from '../src/crypto/envelope.ts';
import { openPrivateValues } from '../src/modules/private-values/store.ts';
import { DATABASE_KINDS } from './databases.ts';
import { newMember, startTestServer, type TestServer } from './helpers.ts';
import { collectionJson, makeCollection, makeEnvironment, makeWorkspace } from './runs-helpers.ts';

const SHARED = 'shared-team-token-7Hq2';
const MINE = 'my-own-private-token-Zx81';
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

describe.each(DATABASE_KINDS)('private values (%s)', (kind) => {
  let t: TestServer;
  let echo: RunningServer;
  let owner: Awaited<ReturnType<typeof newMember>>;
  let alice: Awaited<ReturnType<typeof newMember>>;
  let bob: Awaited<ReturnType<typeof newMember>>;
  let workspaceId: string;
  let environmentId: string;
  let collectionId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    echo = await startEchoServer();
    owner = await newMember(t);
    alice = await newMember(t);
    bob = await newMember(t);
    workspaceId = await makeWorkspace(owner.session, [
      { userId: alice.id, role: 'viewer' },
      { userId: bob.id, role: 'viewer' },
    ]);
    environmentId = await makeEnvironment(owner.session, workspaceId, [
      { key: 'token', value: SHARED, type: 'secret' },
      { key: 'region', value: 'eu-west' },
      { key: 'odd/key:é', value: 'x' },
    ]);
    collectionId = await makeCollection(
      owner.session,
      workspaceId,
      collectionJson('Which token', [
        {
          name: 'reflect',
          url: `${echo.url}/headers`,
          header: [
            { key: 'X-Token', value: '{{token}}' },
            { key: 'X-Region', value: '{{region}}' },
          ],
          test: [
            'const h = pm.response.json().headers;',
            "pm.test('token ' + CryptoJS.SHA256(h['x-token']).toString(), () => {});",
            "pm.test('region ' + h['x-region'], () => {});",
          ].join('\n'),
        },
      ]),
    );
  });
  afterAll(async () => {
    await t?.close();
    await echo?.close();
  });

  const path = (key: string) =>
    `/api/environments/${environmentId}/variables/${encodeURIComponent(key)}/my-value`;
  const runNames = async (member: typeof alice): Promise<string[]> => {
    const res = await member.key.post(`/api/collections/${collectionId}/runs`, { environmentId });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(MINE);
    expect(JSON.stringify(res.body)).not.toContain(SHARED);
    return res.body.run.executions[0].assertions.map((a: { name: string }) => a.name);
  };

  it('lets a viewer set their own value, masked unless they reveal it, and audits the key only', async () => {
    const set = await alice.session.put(path('token'), { value: MINE });
    expect(set.status).toBe(200);
    expect(set.body.privateValue).toMatchObject({ key: 'token', value: null, masked: true });
    expect((await alice.key.get(path('token'))).body.privateValue).toMatchObject({
      value: null,
      masked: true,
    });
    const revealed = await alice.key.get(`${path('token')}?reveal=true`);
    expect(revealed.body.privateValue).toMatchObject({ key: 'token', value: MINE, masked: false });
    const list = await alice.key.get(`/api/environments/${environmentId}/my-values`);
    expect(list.body.privateValues).toEqual([
      { key: 'token', value: null, masked: true, updatedAt: expect.any(String) },
    ]);
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'environment.private_value_set')
      .where('actor_id', '=', alice.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toEqual({ key: 'token' });
    expect(audit[0]).toMatchObject({ target_id: environmentId, workspace_id: workspaceId });
    expect(JSON.stringify(audit)).not.toContain(MINE);
  });

  it('never shows a value to anyone but its owner', async () => {
    for (const other of [bob, owner]) {
      expect((await other.key.get(`${path('token')}?reveal=true`)).status).toBe(404);
      expect((await other.key.get(`/api/environments/${environmentId}/my-values?reveal=true`)).body).toEqual({
        privateValues: [],
      });
      const env = await other.key.get(`/api/environments/${environmentId}?reveal=true`);
      expect(JSON.stringify(env.body)).not.toContain(MINE);
    }
  });

  it('uses the private value in its owner’s runs only', async () => {
    expect(await runNames(alice)).toEqual([`token ${sha(MINE)}`, 'region eu-west']);
    expect(await runNames(bob)).toEqual([`token ${sha(SHARED)}`, 'region eu-west']);
    expect(await runNames(owner)).toEqual([`token ${sha(SHARED)}`, 'region eu-west']);
    // A private value of a plain variable replaces it too, and is redacted like a secret.
    expect((await bob.key.put(path('region'), { value: 'bob-only-region' })).status).toBe(200);
    expect(await runNames(bob)).toEqual([`token ${sha(SHARED)}`, 'region [secret:region]']);
    expect((await runNames(alice))[1]).toBe('region eu-west');
  });

  it('keeps private values sealed at rest and bound to their owner', async () => {
    const rows = await t.server.database.db.selectFrom('environment_private_values').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row.value_enc).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(MINE);
    if (kind === 'sqlite') {
      for (const file of readdirSync(t.database.dataDir).filter((f) => /\.db(-wal)?$/.test(f))) {
        expect(readFileSync(join(t.database.dataDir, file)).includes(Buffer.from(MINE))).toBe(false);
      }
    }
    // Alice's sealed value does not open as Bob's (the associated data names the user).
    const sealed = rows
      .filter((r) => r.user_id === alice.id)
      .map((r) => ({
        key: r.key,
        valueEnc: r.value_enc,
        updatedAt: r.updated_at,
      }));
    const place = { workspaceId, environmentId };
    await expect(
      openPrivateValues(t.server.keyring, t.server.database.db, { ...place, userId: bob.id }, sealed),
    ).rejects.toThrow(DecryptError);
    const opened = await openPrivateValues(
      t.server.keyring,
      t.server.database.db,
      { ...place, userId: alice.id },
      sealed,
    );
    expect(opened.get('token')).toBe(MINE);
  });

  it('answers clear errors for unknown variables, strangers and bad bodies', async () => {
    const unknown = await alice.key.put(path('nope'), { value: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('"nope"');
    expect((await alice.key.put(path('odd/key:é'), { value: 'odd-value' })).status).toBe(200);
    expect((await alice.key.get(`${path('odd/key:é')}?reveal=true`)).body.privateValue).toMatchObject({
      key: 'odd/key:é',
      value: 'odd-value',
    });
    const stranger = await newMember(t);
    expect((await stranger.key.put(path('token'), { value: 'x' })).status).toBe(404);
    expect((await alice.key.put(path('token'), {})).status).toBe(400);
    expect((await alice.key.put(path('token'), { value: { nested: true } })).status).toBe(400);
    expect((await alice.key.get(`/api/environments/not-a-uuid/my-values`)).status).toBe(400);
  });

  it('deletes a private value: the shared value applies again, a second delete is 404', async () => {
    expect((await alice.session.delete(path('token'))).status).toBe(204);
    expect((await alice.key.get(path('token'))).status).toBe(404);
    expect((await alice.session.delete(path('token'))).status).toBe(404);
    expect((await runNames(alice))[0]).toBe(`token ${sha(SHARED)}`);
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .select('data')
      .where('action', '=', 'environment.private_value_delete')
      .where('actor_id', '=', alice.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.data))).toEqual([{ key: 'token' }]);
  });
});
