/**
 * Insecure direct object references: an admin of one team tries every id-taking route with the
 * ids of another team's resources (and mixes of their own and foreign ids). Every attempt must
 * answer 404 — never 200, and never 403, which would confirm the resource exists — and change
 * nothing; list endpoints never show the other team's items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import {
  addTeamMember,
  newMember,
  sampleCollection,
  startTestServer,
  type TestClient,
  type TestServer,
} from './helpers.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

interface TeamSpace {
  admin: Member;
  member: Member;
  teamId: string;
  workspaceIds: string[];
  collectionId: string;
  environmentId: string;
  invitationId: string;
}

describe.each(DATABASE_KINDS)('IDOR: another team’s ids answer 404 (%s)', (kind) => {
  let t: TestServer;
  let victim: TeamSpace;
  let attacker: TeamSpace;

  async function buildTeam(name: string): Promise<TeamSpace> {
    const admin = await newMember(t);
    const member = await newMember(t);
    const teamId = (await admin.key.post('/api/teams', { team: { name } })).body.team.id;
    await addTeamMember(t, teamId, member.id, 'developer');
    const workspaceIds: string[] = [];
    for (const type of ['team', 'private', 'partner']) {
      workspaceIds.push(
        (await admin.key.post('/api/workspaces', { workspace: { name, type, teamId } })).body.workspace.id,
      );
    }
    workspaceIds.push((await admin.key.post('/api/workspaces', { workspace: { name } })).body.workspace.id);
    const ws = workspaceIds[0]!;
    const collectionId = (
      await admin.key.post(`/api/collections?workspace=${ws}`, { collection: sampleCollection(name) })
    ).body.collection.id;
    await admin.key.put(`/api/collections/${collectionId}`, { collection: sampleCollection(name) });
    const environmentId = (
      await admin.key.post(`/api/environments?workspace=${ws}`, {
        environment: { name, values: [{ key: 'k', value: `${name}-secret`, type: 'secret' }] },
      })
    ).body.environment.id;
    const invitationId = (
      await admin.key.post(`/api/teams/${teamId}/invitations`, {
        email: `guest-${name}@example.test`,
        role: 'developer',
      })
    ).body.invitation.id;
    return { admin, member, teamId, workspaceIds, collectionId, environmentId, invitationId };
  }

  beforeAll(async () => {
    t = await startTestServer(kind);
    victim = await buildTeam('victim');
    attacker = await buildTeam('attacker');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every id-taking route, with the given ids; the body is valid so only authorization can refuse. */
  function attempts(v: TeamSpace, own: TeamSpace | undefined): Array<[string, string, unknown?]> {
    const team = v.teamId;
    const col = v.collectionId;
    const env = v.environmentId;
    const someone = (own ?? attacker).member.id;
    const list: Array<[string, string, unknown?]> = [
      ['GET', `/api/teams/${team}`],
      ['PATCH', `/api/teams/${team}`, { team: { name: 'pwned' } }],
      ['PATCH', `/api/teams/${team}/policy`, { requireMfa: false }],
      ['GET', `/api/teams/${team}/members`],
      ['PATCH', `/api/teams/${team}/members/${v.member.id}`, { role: 'admin' }],
      ['DELETE', `/api/teams/${team}/members/${v.member.id}`],
      ['GET', `/api/teams/${team}/invitations`],
      ['POST', `/api/teams/${team}/invitations`, { email: 'evil@example.test', role: 'admin' }],
      ['DELETE', `/api/teams/${team}/invitations/${v.invitationId}`],
      ['GET', `/api/collections/${col}`],
      ['PUT', `/api/collections/${col}`, { collection: sampleCollection('pwned') }],
      ['DELETE', `/api/collections/${col}`],
      ['GET', `/api/collections/${col}/versions`],
      ['GET', `/api/collections/${col}/versions/1`],
      ['POST', `/api/collections/${col}/versions/1/restore`],
      ['GET', `/api/collections/${col}/roles`],
      ['PATCH', `/api/collections/${col}/roles`, { roles: [{ userId: someone, role: 'editor' }] }],
      ['GET', `/api/environments/${env}`],
      ['GET', `/api/environments/${env}?reveal=true`],
      ['PUT', `/api/environments/${env}`, { environment: { name: 'pwned', values: [] } }],
      ['DELETE', `/api/environments/${env}`],
      ['GET', `/api/environments/${env}/roles`],
      ['PATCH', `/api/environments/${env}/roles`, { roles: [{ userId: someone, role: 'editor' }] }],
    ];
    for (const ws of v.workspaceIds) {
      list.push(
        ['GET', `/api/workspaces/${ws}`],
        ['PUT', `/api/workspaces/${ws}`, { workspace: { name: 'pwned' } }],
        ['PUT', `/api/workspaces/${ws}`, { workspace: { type: 'public' } }],
        ['DELETE', `/api/workspaces/${ws}`],
        ['GET', `/api/workspaces/${ws}/roles`],
        ['PATCH', `/api/workspaces/${ws}/roles`, { roles: [{ userId: someone, role: 'admin' }] }],
        ['GET', `/api/collections?workspace=${ws}`],
        ['POST', `/api/collections?workspace=${ws}`, { collection: sampleCollection('planted') }],
        ['GET', `/api/environments?workspace=${ws}`],
        ['POST', `/api/environments?workspace=${ws}`, { environment: { name: 'planted', values: [] } }],
      );
    }
    list.push(['POST', '/api/workspaces', { workspace: { name: 'x', type: 'team', teamId: v.teamId } }]);
    if (own) {
      // The caller's own team (which they administer) with the other team's member or invitation.
      list.push(
        ['PATCH', `/api/teams/${own.teamId}/members/${v.member.id}`, { role: 'admin' }],
        ['DELETE', `/api/teams/${own.teamId}/members/${v.member.id}`],
        ['DELETE', `/api/teams/${own.teamId}/invitations/${v.invitationId}`],
      );
    }
    return list;
  }

  async function tryAll(client: TestClient, v: TeamSpace, own: TeamSpace | undefined): Promise<string[]> {
    const wrong: string[] = [];
    for (const [method, path, body] of attempts(v, own)) {
      const res = await client.request(method, path, body);
      if (res.status !== 404 || res.body?.error?.name !== 'notFound')
        wrong.push(`${method} ${path} → ${res.status}`);
    }
    return wrong;
  }

  it('refuses every route with the other team’s ids, by API key and by session, and changes nothing', async () => {
    const auditBefore = await t.server.database.db.selectFrom('audit_logs').select('seq').execute();
    expect(await tryAll(attacker.admin.key, victim, attacker)).toEqual([]);
    expect(await tryAll(attacker.admin.session, victim, attacker)).toEqual([]);
    expect(await tryAll(attacker.member.key, victim, undefined)).toEqual([]);
    // The victim's things are intact and nothing was written in their name.
    const db = t.server.database.db;
    const newRows = await db
      .selectFrom('audit_logs')
      .selectAll()
      .where('seq', '>', auditBefore.length)
      .where((eb) =>
        eb.or([eb('team_id', '=', victim.teamId), eb('workspace_id', 'in', victim.workspaceIds)]),
      )
      .execute();
    expect(newRows).toEqual([]);
    const team = await victim.admin.key.get(`/api/teams/${victim.teamId}`);
    expect(team.body.team.name).toBe('victim');
    const col = await victim.admin.key.get(`/api/collections/${victim.collectionId}`);
    expect(col.body.collection.info.name).toBe('victim');
    const members = await victim.admin.key.get(`/api/teams/${victim.teamId}/members`);
    expect(members.body.members.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'developer']);
    expect(
      (await victim.admin.key.get(`/api/teams/${victim.teamId}/invitations`)).body.invitations,
    ).toHaveLength(1);
  });

  it('shows none of the other team’s items in any list', async () => {
    const client = attacker.admin.key;
    const lists = await Promise.all([
      client.get('/api/teams'),
      client.get('/api/workspaces?limit=500'),
      client.get(`/api/workspaces?teamId=${victim.teamId}`),
      client.get('/api/collections?limit=500'),
      client.get('/api/environments?limit=500'),
    ]);
    const text = JSON.stringify(lists.map((l) => l.body));
    expect(lists.every((l) => l.status === 200)).toBe(true);
    for (const id of [victim.teamId, ...victim.workspaceIds, victim.collectionId, victim.environmentId]) {
      expect(text).not.toContain(id);
    }
    // …while the attacker does see their own.
    for (const id of [
      attacker.teamId,
      ...attacker.workspaceIds,
      attacker.collectionId,
      attacker.environmentId,
    ]) {
      expect(text).toContain(id);
    }
  });

  it('answers unknown ids exactly like forbidden ones', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const foreign = await attacker.admin.key.get(`/api/workspaces/${victim.workspaceIds[0]}`);
    const missing = await attacker.admin.key.get(`/api/workspaces/${unknown}`);
    expect(foreign.status).toBe(missing.status);
    expect(foreign.body).toEqual(missing.body);
    const foreignCol = await attacker.admin.key.get(`/api/collections/${victim.collectionId}`);
    const missingCol = await attacker.admin.key.get(`/api/collections/${unknown}`);
    expect(foreignCol.body).toEqual(missingCol.body);
  });
});
