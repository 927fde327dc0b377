import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer } from '../../../test/fixtures/echo/index.mjs';
import { DATABASE_KINDS } from './databases.ts';
import { addTeamMember, newMember, sampleCollection, startTestServer, type TestServer } from './helpers.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

interface NewmanSummary {
  run: { stats: { assertions: { total: number; failed: number } }; failures: unknown[]; error?: unknown };
}
const newman = createRequire(import.meta.url)('newman') as {
  run(options: Record<string, unknown>, done: (err: Error | null, summary: NewmanSummary) => void): unknown;
};

function runNewman(collection: unknown): Promise<NewmanSummary> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, reporters: [] }, (err, summary) => (err ? reject(err) : resolve(summary)));
  });
}

const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe.each(DATABASE_KINDS)('collections as a team uses them (%s)', (kind) => {
  let t: TestServer;
  let admin: Member;
  let dev: Member;
  let viewer: Member;
  let outsider: Member;
  let teamId: string;
  let wsId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    [admin, dev, viewer, outsider] = (await Promise.all(Array.from({ length: 4 }, () => newMember(t)))) as [
      Member,
      Member,
      Member,
      Member,
    ];
    teamId = (await admin.key.post('/api/teams', { team: { name: 'Acme' } })).body.team.id;
    await addTeamMember(t, teamId, dev.id, 'developer');
    await addTeamMember(t, teamId, viewer.id, 'developer');
    wsId = (await admin.key.post('/api/workspaces', { workspace: { name: 'APIs', type: 'team', teamId } }))
      .body.workspace.id;
    await admin.key.patch(`/api/workspaces/${wsId}/roles`, { roles: [{ userId: dev.id, role: 'editor' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports v2.1, stores it with the server id and exports valid v2.1 that Newman runs', async () => {
    const echo = await startEchoServer();
    try {
      const made = await dev.session.post(`/api/collections?workspace=${wsId}`, {
        collection: sampleCollection('Echo API', echo.url),
      });
      expect(made.status).toBe(201);
      const id = made.body.collection.id;
      expect(made.body.collection).toMatchObject({ name: 'Echo API', version: 1, workspaceId: wsId });
      const got = await viewer.key.get(`/api/collections/${id}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toContain('application/json');
      const exported = got.body.collection;
      expect(exported.info).toMatchObject({ _postman_id: id, name: 'Echo API', schema: V21 });
      const summary = await runNewman(exported);
      expect(summary.run.error ?? null).toBeNull();
      expect(summary.run.failures).toEqual([]);
      expect(summary.run.stats.assertions).toEqual(expect.objectContaining({ total: 2, failed: 0 }));
      const list = await viewer.key.get(`/api/collections?workspace=${wsId}`);
      expect(list.body.collections).toEqual([
        { id, name: 'Echo API', workspaceId: wsId, updatedAt: expect.any(String) },
      ]);
      const audit = await t.server.database.db
        .selectFrom('audit_logs')
        .selectAll()
        .where('action', '=', 'collection.create')
        .where('target_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ team_id: teamId, workspace_id: wsId, actor_id: dev.id });
    } finally {
      await echo.close();
    }
  });

  it('reads v2.0 and stores it as v2.1; an id in the document is replaced by the server id', async () => {
    const v20 = {
      info: {
        name: 'Old',
        _postman_id: 'abc',
        schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json',
      },
      item: [
        {
          name: 'r',
          request: {
            url: 'http://127.0.0.1:9/x',
            method: 'GET',
            auth: { type: 'bearer', bearer: { token: '{{t}}' } },
          },
        },
      ],
    };
    const made = await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: v20 });
    expect(made.status).toBe(201);
    const stored = (await dev.key.get(`/api/collections/${made.body.collection.id}`)).body.collection;
    expect(stored.info._postman_id).toBe(made.body.collection.id);
    expect(stored.info.schema).toBe(V21);
    expect(stored.item[0].request.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{t}}', type: 'string' }],
    });
  });

  it('rejects what is not a collection with the parser message', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ info: { name: 'x' }, item: [{ request: 5 }] }, /item\[0\]\.request: expected a string or an object/],
      [{ values: [] }, /not a Postman collection/],
      [{ info: { name: '' }, item: [] }, /info\.name/],
    ];
    for (const [collection, message] of cases) {
      const res = await dev.key.post(`/api/collections?workspace=${wsId}`, { collection });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('invalidParams');
      expect(res.body.error.message).toMatch(message);
    }
    expect((await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: 'text' })).status).toBe(
      400,
    );
    expect((await dev.key.post('/api/collections', { collection: sampleCollection('x') })).status).toBe(400);
    expect((await dev.key.post(`/api/collections?workspace=${wsId}`, '{"collection": ')).status).toBe(400);
  });

  it('keeps every save as a version and restores an old one as a new version', async () => {
    const id = (
      await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: sampleCollection('v1') })
    ).body.collection.id;
    const put2 = await dev.key.put(`/api/collections/${id}`, { collection: sampleCollection('v2') });
    expect(put2.status).toBe(200);
    expect(put2.body.collection).toMatchObject({ id, name: 'v2', version: 2 });
    await dev.key.put(`/api/collections/${id}`, { collection: sampleCollection('v3') });
    const versions = await viewer.key.get(`/api/collections/${id}/versions`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.versions[0].createdBy).toEqual({ id: dev.id, email: dev.email });
    const page = await viewer.key.get(`/api/collections/${id}/versions?limit=2`);
    expect(page.body.versions).toHaveLength(2);
    const rest = await viewer.key.get(
      `/api/collections/${id}/versions?limit=2&cursor=${page.body.meta.nextCursor}`,
    );
    expect(rest.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const v1 = await viewer.key.get(`/api/collections/${id}/versions/1`);
    expect(v1.body.version.version).toBe(1);
    expect(v1.body.collection.info).toMatchObject({ name: 'v1', _postman_id: id });
    expect((await viewer.key.get(`/api/collections/${id}/versions/9`)).status).toBe(404);
    expect((await viewer.key.post(`/api/collections/${id}/versions/1/restore`)).status).toBe(403);
    const restored = await dev.key.post(`/api/collections/${id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.collection).toMatchObject({ name: 'v1', version: 4 });
    expect((await viewer.key.get(`/api/collections/${id}`)).body.collection.info.name).toBe('v1');
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .select(['action', 'data'])
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'collection.create',
      'collection.update',
      'collection.update',
      'collection.restore',
    ]);
    expect(JSON.parse(audit[3]!.data)).toMatchObject({ restoredVersion: 1, version: 4 });
  });

  it('lets readers read, editors write, and others not even see', async () => {
    const id = (
      await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: sampleCollection('Guarded') })
    ).body.collection.id;
    expect(
      (await viewer.key.put(`/api/collections/${id}`, { collection: sampleCollection('x') })).status,
    ).toBe(403);
    expect((await viewer.key.delete(`/api/collections/${id}`)).status).toBe(403);
    expect(
      (await viewer.key.post(`/api/collections?workspace=${wsId}`, { collection: sampleCollection('x') }))
        .status,
    ).toBe(403);
    expect((await outsider.key.get(`/api/collections/${id}`)).status).toBe(404);
    expect((await outsider.key.get(`/api/collections?workspace=${wsId}`)).status).toBe(404);
    expect((await outsider.key.get('/api/collections')).body.collections).toEqual([]);
    expect((await dev.key.delete(`/api/collections/${id}`)).status).toBe(204);
    expect((await dev.key.get(`/api/collections/${id}`)).status).toBe(404);
  });

  it('raises a workspace viewer to editor on one collection with an element role', async () => {
    const one = (
      await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: sampleCollection('One') })
    ).body.collection.id;
    const two = (
      await dev.key.post(`/api/collections?workspace=${wsId}`, { collection: sampleCollection('Two') })
    ).body.collection.id;
    expect(
      (
        await dev.key.patch(`/api/collections/${one}/roles`, {
          roles: [{ userId: viewer.id, role: 'editor' }],
        })
      ).status,
    ).toBe(403);
    const granted = await admin.key.patch(`/api/collections/${one}/roles`, {
      roles: [{ userId: viewer.id, role: 'editor' }],
    });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual([
      { userId: viewer.id, email: viewer.email, name: expect.any(String), role: 'editor' },
    ]);
    expect(
      (await viewer.key.put(`/api/collections/${one}`, { collection: sampleCollection('One!') })).status,
    ).toBe(200);
    expect(
      (await viewer.key.put(`/api/collections/${two}`, { collection: sampleCollection('Two!') })).status,
    ).toBe(403);
    expect((await viewer.key.get(`/api/collections/${one}/roles`)).body.roles).toHaveLength(1);
    // Only editor/viewer exist as element roles, only for team members.
    expect(
      (
        await admin.key.patch(`/api/collections/${one}/roles`, {
          roles: [{ userId: viewer.id, role: 'admin' }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await admin.key.patch(`/api/collections/${one}/roles`, {
          roles: [{ userId: outsider.id, role: 'viewer' }],
        })
      ).status,
    ).toBe(400);
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'collection.roles_update')
      .where('target_id', '=', one)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ team_id: teamId, workspace_id: wsId });
  });

  it('gives an element role holder that collection only, even in a workspace they cannot see', async () => {
    const privateWs = (
      await dev.key.post('/api/workspaces', { workspace: { name: 'Hidden', type: 'private', teamId } })
    ).body.workspace.id;
    const shared = (
      await dev.key.post(`/api/collections?workspace=${privateWs}`, {
        collection: sampleCollection('Shared'),
      })
    ).body.collection.id;
    const hidden = (
      await dev.key.post(`/api/collections?workspace=${privateWs}`, {
        collection: sampleCollection('Hidden'),
      })
    ).body.collection.id;
    expect((await viewer.key.get(`/api/collections?workspace=${privateWs}`)).status).toBe(404);
    await dev.key.patch(`/api/collections/${shared}/roles`, {
      roles: [{ userId: viewer.id, role: 'viewer' }],
    });
    expect((await viewer.key.get(`/api/workspaces/${privateWs}`)).status).toBe(404);
    expect((await viewer.key.get(`/api/collections/${shared}`)).status).toBe(200);
    expect((await viewer.key.get(`/api/collections/${hidden}`)).status).toBe(404);
    const list = await viewer.key.get(`/api/collections?workspace=${privateWs}`);
    expect(list.status).toBe(200);
    expect(list.body.collections.map((c: { id: string }) => c.id)).toEqual([shared]);
    expect(
      (await viewer.key.get('/api/collections')).body.collections.map((c: { id: string }) => c.id),
    ).toContain(shared);
    expect(
      (await viewer.key.get('/api/collections')).body.collections.map((c: { id: string }) => c.id),
    ).not.toContain(hidden);
  });
});
