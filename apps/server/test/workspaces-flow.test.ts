import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/app-error.ts';
import { setVisibilityCheck } from '../src/modules/workspaces/visibility.ts';
import { DATABASE_KINDS } from './databases.ts';
import { addTeamMember, newMember, sampleCollection, startTestServer, type TestServer } from './helpers.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DATABASE_KINDS)('workspaces as a team uses them (%s)', (kind) => {
  let t: TestServer;
  let admin: Member;
  let dev: Member;
  let billing: Member;
  let partner: Member;
  let cm: Member;
  let outsider: Member;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    [admin, dev, billing, partner, cm, outsider] = (await Promise.all(
      Array.from({ length: 6 }, () => newMember(t)),
    )) as [Member, Member, Member, Member, Member, Member];
    teamId = (await admin.key.post('/api/teams', { team: { name: 'Acme' } })).body.team.id;
    await addTeamMember(t, teamId, dev.id, 'developer');
    await addTeamMember(t, teamId, billing.id, 'billing');
    await addTeamMember(t, teamId, partner.id, 'partner');
    await addTeamMember(t, teamId, cm.id, 'community-manager');
  });
  afterAll(async () => {
    await t?.close();
  });

  const ids = (res: { body: { workspaces: Array<{ id: string }> } }) => res.body.workspaces.map((w) => w.id);

  it('makes personal workspaces by default, seen by their owner only', async () => {
    const made = await dev.key.post('/api/workspaces', { workspace: { name: 'Scratch' } });
    expect(made.status).toBe(201);
    expect(made.body.workspace).toMatchObject({
      name: 'Scratch',
      type: 'personal',
      teamId: null,
      role: 'admin',
    });
    const id = made.body.workspace.id;
    expect(ids(await dev.key.get('/api/workspaces'))).toContain(id);
    for (const other of [admin, outsider]) {
      expect((await other.key.get(`/api/workspaces/${id}`)).status).toBe(404);
      expect(ids(await other.key.get('/api/workspaces'))).not.toContain(id);
    }
    const share = await dev.key.patch(`/api/workspaces/${id}/roles`, {
      roles: [{ userId: admin.id, role: 'viewer' }],
    });
    expect(share.status).toBe(400);
    expect(share.body.error.message).toMatch(/personal/);
    const withTeam = await dev.key.post('/api/workspaces', {
      workspace: { name: 'x', type: 'personal', teamId },
    });
    expect(withTeam.status).toBe(400);
  });

  it('lets the team read a team workspace; billing, partners and outsiders see nothing', async () => {
    const made = await dev.key.post('/api/workspaces', {
      workspace: { name: 'Orders API', type: 'team', teamId, description: 'The orders service' },
    });
    expect(made.status).toBe(201);
    const id = made.body.workspace.id;
    const seen = await admin.key.get(`/api/workspaces/${id}`);
    expect(seen.body.workspace).toMatchObject({ role: 'admin', description: 'The orders service', teamId });
    expect((await cm.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('viewer');
    expect((await dev.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('admin');
    for (const none of [billing, partner, outsider]) {
      expect((await none.key.get(`/api/workspaces/${id}`)).status).toBe(404);
      expect(ids(await none.key.get('/api/workspaces'))).not.toContain(id);
    }
    expect((await cm.key.put(`/api/workspaces/${id}`, { workspace: { name: 'Renamed' } })).status).toBe(403);
    const renamed = await admin.key.put(`/api/workspaces/${id}`, { workspace: { name: 'Orders' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.workspace.name).toBe('Orders');
    // Partners cannot create team workspaces; billing cannot either.
    for (const who of [partner, billing]) {
      expect(
        (await who.key.post('/api/workspaces', { workspace: { name: 'no', type: 'team', teamId } })).status,
      ).toBe(403);
    }
    expect(
      (await outsider.key.post('/api/workspaces', { workspace: { name: 'no', type: 'team', teamId } }))
        .status,
    ).toBe(404);
    expect((await dev.key.post('/api/workspaces', { workspace: { name: 'no', type: 'team' } })).status).toBe(
      400,
    );
  });

  it('keeps private workspaces to explicit members, even from team admins', async () => {
    const id = (
      await dev.key.post('/api/workspaces', {
        workspace: { name: 'Secret project', type: 'private', teamId },
      })
    ).body.workspace.id;
    expect((await admin.key.get(`/api/workspaces/${id}`)).status).toBe(404);
    const granted = await dev.key.patch(`/api/workspaces/${id}/roles`, {
      roles: [
        { userId: admin.id, role: 'viewer' },
        { userId: cm.id, role: 'editor' },
      ],
    });
    expect(granted.status).toBe(200);
    expect(
      granted.body.roles.map((r: { userId: string; role: string }) => [r.userId, r.role]).sort(),
    ).toEqual(
      [
        [dev.id, 'admin'],
        [admin.id, 'viewer'],
        [cm.id, 'editor'],
      ].sort(),
    );
    expect((await admin.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('viewer');
    expect((await admin.key.get(`/api/workspaces/${id}/roles`)).status).toBe(200);
    expect(
      (await admin.key.patch(`/api/workspaces/${id}/roles`, { roles: [{ userId: admin.id, role: 'admin' }] }))
        .status,
    ).toBe(403);
    // Grants only to active members of the team; partners not in private workspaces.
    for (const userId of [outsider.id, partner.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await dev.key.patch(`/api/workspaces/${id}/roles`, { roles: [{ userId, role: 'viewer' }] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/cannot hold a role/);
    }
    // The last admin stays.
    expect(
      (await dev.key.patch(`/api/workspaces/${id}/roles`, { roles: [{ userId: dev.id, role: null }] }))
        .status,
    ).toBe(409);
    const rows = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'workspace.roles_update')
      .where('workspace_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.team_id).toBe(teamId);
  });

  it('lets partners into partner workspaces only, as editors at most', async () => {
    const denied = await dev.key.post('/api/workspaces', {
      workspace: { name: 'P', type: 'partner', teamId },
    });
    expect(denied.status).toBe(403);
    const id = (
      await admin.key.post('/api/workspaces', {
        workspace: { name: 'Partner portal', type: 'partner', teamId },
      })
    ).body.workspace.id;
    expect((await partner.key.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect(
      (
        await admin.key.patch(`/api/workspaces/${id}/roles`, {
          roles: [{ userId: partner.id, role: 'admin' }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await admin.key.patch(`/api/workspaces/${id}/roles`, {
          roles: [{ userId: partner.id, role: 'editor' }],
        })
      ).status,
    ).toBe(200);
    expect((await partner.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('editor');
    expect((await dev.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('viewer');
    expect((await partner.key.get('/api/teams/' + teamId + '/members')).status).toBe(403);
  });

  it('changes visibility through one audited function, gated by team role and the publish check', async () => {
    const id = (
      await dev.key.post('/api/workspaces', { workspace: { name: 'To publish', type: 'team', teamId } })
    ).body.workspace.id;
    // The developer administers the workspace but may not publish for the team.
    const notAllowed = await dev.key.put(`/api/workspaces/${id}`, { workspace: { type: 'public' } });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error.message).toContain('workspace.set_type.public');

    setVisibilityCheck(async (_trx, change) => {
      if (change.to === 'public') throw new AppError('conflict', 'push protection: 1 finding');
    });
    try {
      const blocked = await admin.key.put(`/api/workspaces/${id}`, {
        workspace: { type: 'public', name: 'Renamed' },
      });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toContain('push protection');
    } finally {
      setVisibilityCheck(undefined);
    }
    expect((await admin.key.get(`/api/workspaces/${id}`)).body.workspace).toMatchObject({
      type: 'team',
      name: 'To publish',
    });

    const published = await cm.key.put(`/api/workspaces/${id}`, { workspace: { type: 'public' } });
    expect(published.status).toBe(403); // cm is only a viewer of this team workspace
    const done = await admin.key.put(`/api/workspaces/${id}`, { workspace: { type: 'public' } });
    expect(done.status).toBe(200);
    expect(done.body.workspace.type).toBe('public');
    const rows = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('workspace_id', '=', id)
      .where('action', '=', 'workspace.visibility_change')
      .execute();
    expect(rows.map((r) => JSON.parse(r.data))).toEqual([{ name: 'To publish', from: 'team', to: 'public' }]);
    expect(rows[0]!.team_id).toBe(teamId);
    // Public: everyone signed in reads, only its editors write.
    const seen = await outsider.key.get(`/api/workspaces/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.workspace.role).toBe('viewer');
    expect(ids(await outsider.key.get('/api/workspaces?type=public'))).toContain(id);
    expect((await outsider.key.put(`/api/workspaces/${id}`, { workspace: { name: 'x' } })).status).toBe(403);
    expect(
      (await outsider.key.post(`/api/collections?workspace=${id}`, { collection: sampleCollection('x') }))
        .status,
    ).toBe(403);
    expect((await cm.key.put(`/api/workspaces/${id}`, { workspace: { name: 'Community' } })).status).toBe(
      200,
    );
    expect((await admin.key.put(`/api/workspaces/${id}`, { workspace: { teamId: null } })).status).toBe(400);
  });

  it('keeps an admin when a team workspace without explicit admins turns private', async () => {
    const id = (
      await admin.key.post('/api/workspaces', { workspace: { name: 'Closing', type: 'team', teamId } })
    ).body.workspace.id;
    await admin.key.patch(`/api/workspaces/${id}/roles`, { roles: [{ userId: admin.id, role: null }] });
    expect((await admin.key.get(`/api/workspaces/${id}/roles`)).body.roles).toEqual([]);
    expect((await admin.key.put(`/api/workspaces/${id}`, { workspace: { type: 'private' } })).status).toBe(
      200,
    );
    const after = await admin.key.get(`/api/workspaces/${id}`);
    expect(after.body.workspace).toMatchObject({ type: 'private', role: 'admin' });
    expect((await dev.key.get(`/api/workspaces/${id}`)).status).toBe(404);
  });

  it('turns a personal workspace private and back, dropping every grant', async () => {
    const id = (await dev.key.post('/api/workspaces', { workspace: { name: 'Mine' } })).body.workspace.id;
    expect((await dev.key.put(`/api/workspaces/${id}`, { workspace: { type: 'team' } })).status).toBe(403);
    expect((await dev.key.put(`/api/workspaces/${id}`, { workspace: { type: 'private' } })).status).toBe(200);
    expect(
      (
        await dev.key.patch(`/api/workspaces/${id}/roles`, {
          roles: [{ userId: outsider.id, role: 'editor' }],
        })
      ).status,
    ).toBe(200);
    expect((await outsider.key.get(`/api/workspaces/${id}`)).body.workspace.role).toBe('editor');
    expect(
      (await outsider.key.put(`/api/workspaces/${id}`, { workspace: { type: 'personal' } })).status,
    ).toBe(403);
    expect((await dev.key.put(`/api/workspaces/${id}`, { workspace: { type: 'personal' } })).status).toBe(
      200,
    );
    expect((await outsider.key.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await dev.key.get(`/api/workspaces/${id}/roles`)).body.roles).toEqual([]);
  });

  it('shows the collections and environments in a workspace and deletes it with all of them', async () => {
    const id = (
      await dev.key.post('/api/workspaces', { workspace: { name: 'Doomed', type: 'team', teamId } })
    ).body.workspace.id;
    const col = await dev.key.post(`/api/collections?workspace=${id}`, {
      collection: sampleCollection('Doomed API'),
    });
    const env = await dev.key.post(`/api/environments?workspace=${id}`, {
      environment: { name: 'Prod', values: [{ key: 'token', value: 'T0P-S3CRET', type: 'secret' }] },
    });
    expect(col.status).toBe(201);
    expect(env.status).toBe(201);
    const seen = (await admin.key.get(`/api/workspaces/${id}`)).body.workspace;
    expect(seen.collections).toEqual([
      { id: col.body.collection.id, name: 'Doomed API', workspaceId: id, updatedAt: expect.any(String) },
    ]);
    expect(seen.environments.map((e: { name: string }) => e.name)).toEqual(['Prod']);
    const db = t.server.database.db;
    expect(
      await db.selectFrom('workspace_keys').select('workspace_id').where('workspace_id', '=', id).execute(),
    ).toHaveLength(1);

    expect((await cm.key.delete(`/api/workspaces/${id}`)).status).toBe(403);
    expect((await admin.key.delete(`/api/workspaces/${id}`)).status).toBe(204);
    expect((await admin.key.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await dev.key.get(`/api/collections/${col.body.collection.id}`)).status).toBe(404);
    expect((await dev.key.get(`/api/environments/${env.body.environment.id}`)).status).toBe(404);
    for (const table of [
      'collections',
      'collection_versions',
      'environments',
      'environment_variables',
    ] as const) {
      const column =
        table === 'collection_versions'
          ? 'collection_id'
          : table === 'environment_variables'
            ? 'environment_id'
            : 'id';
      const target = table.startsWith('collection') ? col.body.collection.id : env.body.environment.id;
      expect(await db.selectFrom(table).select(column).where(column, '=', target).execute()).toEqual([]);
    }
    expect(
      await db.selectFrom('workspace_keys').select('workspace_id').where('workspace_id', '=', id).execute(),
    ).toEqual([]);
    const audit = await db.selectFrom('audit_logs').select('action').where('workspace_id', '=', id).execute();
    expect(audit.map((r) => r.action)).toContain('workspace.delete');
  });

  it('pages through lists with a cursor, without gaps or repeats', async () => {
    const user = await newMember(t);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        (await user.key.post('/api/workspaces', { workspace: { name: `Same name` } })).body.workspace.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { workspaces: Array<{ id: string }>; meta: { nextCursor: string | null } } } =
        await user.key.get(`/api/workspaces?type=personal&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.workspaces.map((w) => w.id));
      cursor = page.body.meta.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(made.sort());
  });

  it('publishes its routes in the OpenAPI document', async () => {
    const doc = await outsider.key.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/workspaces/{id}',
      '/api/collections/{id}/versions',
      '/api/teams/{id}/members/{userId}',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
