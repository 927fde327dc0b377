import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxApiKeyDaysForUser, mfaRequiredForUser } from '../src/modules/teams/lookups.ts';
import { DATABASE_KINDS } from './databases.ts';
import {
  addTeamMember,
  invitationTokenIn,
  makeUser,
  newMember,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  TestClient,
  type TestServer,
  waitForMail,
} from './helpers.ts';

describe.each(DATABASE_KINDS)('teams as a team uses them (%s)', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function auditRows(action: string, teamId: string) {
    return t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', action)
      .where('team_id', '=', teamId)
      .execute();
  }

  it('creates a team whose creator is admin, lists it and audits it with the team id', async () => {
    const ada = await newMember(t);
    const made = await ada.session.post('/api/teams', { team: { name: 'Payments' } });
    expect(made.status).toBe(201);
    expect(made.body.team).toMatchObject({ name: 'Payments', role: 'admin', requireMfa: false });
    const id = made.body.team.id;
    const list = await ada.key.get('/api/teams');
    expect(list.status).toBe(200);
    expect(list.body.teams.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await ada.key.get(`/api/teams/${id}`)).body.team.role).toBe('admin');
    const rows = await auditRows('team.create', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBe(ada.id);
    const outsider = await newMember(t);
    expect((await outsider.key.get('/api/teams')).body.teams).toEqual([]);
    expect((await outsider.key.get(`/api/teams/${id}`)).status).toBe(404);
  });

  it('invites by email; only the invitee accepts, once; the member list shows them', async () => {
    const admin = await newMember(t, { name: 'Ada Admin' });
    const team = (await admin.session.post('/api/teams', { team: { name: 'Platform' } })).body.team;
    const bo = await newMember(t);
    const invited = await admin.session.post(`/api/teams/${team.id}/invitations`, {
      email: bo.email.toUpperCase(),
      role: 'developer',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({ email: bo.email, role: 'developer', teamId: team.id });
    expect(JSON.stringify(invited.body)).not.toMatch(/token/i);
    const mail = await waitForMail(t, bo.email, /invited to join Platform/);
    expect(mail.text).toContain(`${t.url}/invitations/`);
    expect(mail.text).toContain('Ada Admin');
    const token = invitationTokenIn(mail);

    const pending = await admin.key.get(`/api/teams/${team.id}/invitations`);
    expect(pending.body.invitations.map((i: { email: string }) => i.email)).toEqual([bo.email]);

    const stranger = await newMember(t);
    const wrong = await stranger.session.post(`/api/invitations/${token}/accept`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.name).toBe('forbidden');

    const accepted = await bo.session.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.team).toMatchObject({ id: team.id, role: 'developer' });
    expect((await bo.session.post(`/api/invitations/${token}/accept`)).status).toBe(404);
    expect((await bo.session.post(`/api/invitations/${'x'.repeat(43)}/accept`)).status).toBe(404);
    expect((await bo.session.post('/api/invitations/bad!token/accept')).status).toBe(400);

    const members = await bo.key.get(`/api/teams/${team.id}/members`);
    expect(members.status).toBe(200);
    expect(
      members.body.members.map((m: { email: string; role: string }) => [m.email, m.role]).sort(),
    ).toEqual(
      [
        [admin.email, 'admin'],
        [bo.email, 'developer'],
      ].sort(),
    );
    const added = await auditRows('team.member_add', team.id);
    expect(added.map((r) => r.target_id)).toEqual([bo.id]);
    // Inviting someone who is already a member is a conflict.
    expect(
      (await admin.key.post(`/api/teams/${team.id}/invitations`, { email: bo.email, role: 'admin' })).status,
    ).toBe(409);
    // Only admins invite.
    const byDeveloper = await bo.key.post(`/api/teams/${team.id}/invitations`, {
      email: 'someone@example.test',
      role: 'developer',
    });
    expect(byDeveloper.status).toBe(403);
  });

  it('lets a newcomer sign up with the invitation, then join the team', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Newcomers' } })).body.team;
    const email = `newcomer-${Date.now()}@example.test`;
    await admin.key.post(`/api/teams/${team.id}/invitations`, { email, role: 'developer' });
    const token = invitationTokenIn(await waitForMail(t, email, /Newcomers/));
    const anon = new TestClient(t.url);
    const closed = await anon.post('/api/auth/signup', { email, password: TEST_PASSWORD, name: 'New' });
    expect(closed.status).toBe(403);
    const wrongToken = await anon.post('/api/auth/signup', {
      email: `other-${email}`,
      password: TEST_PASSWORD,
      name: 'Other',
      invitation: token,
    });
    expect(wrongToken.status).toBe(403);
    const signedUp = await anon.post('/api/auth/signup', {
      email,
      password: TEST_PASSWORD,
      name: 'New',
      invitation: token,
    });
    expect(signedUp.status).toBe(201);
    const newcomer = await signIn(t, email);
    const joined = await newcomer.post(`/api/invitations/${token}/accept`);
    expect(joined.status).toBe(200);
    expect(joined.body.team).toMatchObject({ id: team.id, role: 'developer' });
  });

  it('withdrawn invitations cannot be accepted', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Withdrawn' } })).body.team;
    const cy = await newMember(t);
    const inv = await admin.key.post(`/api/teams/${team.id}/invitations`, {
      email: cy.email,
      role: 'partner',
    });
    const token = invitationTokenIn(await waitForMail(t, cy.email, /Withdrawn/));
    const gone = await admin.key.delete(`/api/teams/${team.id}/invitations/${inv.body.invitation.id}`);
    expect(gone.status).toBe(204);
    expect((await cy.session.post(`/api/invitations/${token}/accept`)).status).toBe(404);
    expect(await auditRows('team.invitation_revoke', team.id)).toHaveLength(1);
  });

  it('lets a team admin (only) read the team audit trail', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Audited' } })).body.team;
    const dev = await newMember(t);
    await addTeamMember(t, team.id, dev.id, 'developer');
    const trail = await admin.key.get(`/api/audit/logs?teamId=${team.id}`);
    expect(trail.status).toBe(200);
    expect(trail.body.trails.map((r: { action: string }) => r.action)).toContain('team.create');
    expect((await dev.key.get('/api/audit/logs')).status).toBe(403);
  });

  it('suspending a member ends their sessions and API keys at once and hides the team', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Suspension' } })).body.team;
    const ws = await admin.key.post('/api/workspaces', {
      workspace: { name: 'Team space', type: 'team', teamId: team.id },
    });
    const eve = await newMember(t);
    await addTeamMember(t, team.id, eve.id, 'developer');
    expect((await eve.key.get(`/api/workspaces/${ws.body.workspace.id}`)).status).toBe(200);

    const suspended = await admin.session.patch(`/api/teams/${team.id}/members/${eve.id}`, {
      status: 'suspended',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.member).toMatchObject({ userId: eve.id, status: 'suspended' });
    expect((await eve.session.get('/api/me')).status).toBe(401);
    expect((await eve.key.get('/api/me')).status).toBe(401);
    const again = await signIn(t, eve.email);
    expect((await again.get(`/api/workspaces/${ws.body.workspace.id}`)).status).toBe(404);
    expect((await again.get(`/api/teams/${team.id}`)).status).toBe(404);
    const row = (await auditRows('team.member_update', team.id)).at(-1)!;
    expect(JSON.parse(row.data)).toMatchObject({
      status: { from: 'active', to: 'suspended' },
      sessionsAndKeysRevoked: true,
    });

    // Reactivation restores access.
    expect(
      (await admin.key.patch(`/api/teams/${team.id}/members/${eve.id}`, { status: 'active' })).status,
    ).toBe(200);
    expect((await again.get(`/api/workspaces/${ws.body.workspace.id}`)).status).toBe(200);
  });

  it('removing a member revokes their credentials and roles; leaving keeps your session', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Removal' } })).body.team;
    const ws = (
      await admin.key.post('/api/workspaces', {
        workspace: { name: 'Private', type: 'private', teamId: team.id },
      })
    ).body.workspace;
    const fay = await newMember(t);
    await addTeamMember(t, team.id, fay.id, 'developer');
    await admin.key.patch(`/api/workspaces/${ws.id}/roles`, { roles: [{ userId: fay.id, role: 'editor' }] });
    expect((await fay.key.get(`/api/workspaces/${ws.id}`)).body.workspace.role).toBe('editor');

    expect((await admin.key.delete(`/api/teams/${team.id}/members/${fay.id}`)).status).toBe(204);
    expect((await fay.key.get('/api/me')).status).toBe(401);
    const roles = await t.server.database.db
      .selectFrom('workspace_roles')
      .selectAll()
      .where('user_id', '=', fay.id)
      .execute();
    expect(roles).toEqual([]);
    // Re-added later, the old role does not come back.
    await addTeamMember(t, team.id, fay.id, 'developer');
    const fay2 = await signIn(t, fay.email);
    expect((await fay2.get(`/api/workspaces/${ws.id}`)).status).toBe(404);

    expect((await fay2.delete(`/api/teams/${team.id}/members/${fay.id}`)).status).toBe(204);
    expect((await fay2.get('/api/me')).status).toBe(200);
    expect((await fay2.get('/api/teams')).body.teams).toEqual([]);
  });

  it('keeps at least one active admin', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Solo' } })).body.team;
    const demote = await admin.key.patch(`/api/teams/${team.id}/members/${admin.id}`, { role: 'developer' });
    expect(demote.status).toBe(409);
    expect((await admin.key.delete(`/api/teams/${team.id}/members/${admin.id}`)).status).toBe(409);
    expect(
      (await admin.key.patch(`/api/teams/${team.id}/members/${admin.id}`, { status: 'suspended' })).status,
    ).toBe(400);
    const other = await makeUser(t);
    await addTeamMember(t, team.id, other.id, 'admin');
    expect(
      (await admin.key.patch(`/api/teams/${team.id}/members/${admin.id}`, { role: 'developer' })).status,
    ).toBe(200);
  });

  it("lets team admins list and revoke their members' keys, and nobody else", async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Key owners' } })).body.team;
    const dev = await newMember(t);
    await addTeamMember(t, team.id, dev.id, 'developer');
    const outsider = await newMember(t);
    const listed = await admin.key.get(`/api/teams/${team.id}/api-keys`);
    expect(listed.status).toBe(200);
    const devKey = listed.body.apiKeys.find((k: { owner: { id: string } }) => k.owner.id === dev.id);
    expect(devKey).toBeDefined();
    expect(JSON.stringify(listed.body)).not.toMatch(/pstn_/);
    expect((await dev.key.get(`/api/teams/${team.id}/api-keys`)).status).toBe(403);
    expect((await outsider.key.get(`/api/teams/${team.id}/api-keys`)).status).toBe(404);
    const outsiderKeyId = (await outsider.key.get('/api/me/api-keys')).body.apiKeys[0].id;
    expect((await admin.key.delete(`/api/teams/${team.id}/api-keys/${outsiderKeyId}`)).status).toBe(404);
    expect((await admin.key.delete(`/api/teams/${team.id}/api-keys/${devKey.id}`)).status).toBe(204);
    expect((await dev.key.get('/api/me')).status).toBe(401);
    expect((await outsider.key.get('/api/me')).status).toBe(200);
  });

  it("caps the lifetime of members' API keys by the team policy", async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Short keys' } })).body.team;
    const dev = await newMember(t);
    await addTeamMember(t, team.id, dev.id, 'developer');
    expect((await admin.key.patch(`/api/teams/${team.id}/policy`, { maxApiKeyDays: 30 })).status).toBe(200);
    const tooLong = await dev.session.post('/api/me/api-keys', { name: 'long', expiresInDays: 365 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual({ maxDays: 30 });
    const capped = await dev.session.post('/api/me/api-keys', { name: 'default' });
    expect(capped.status).toBe(201);
    const days = (Date.parse(capped.body.apiKey.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await dev.session.post('/api/me/api-keys', { name: 'short', expiresInDays: 7 })).status).toBe(
      201,
    );
  });

  it('sets the team policy (admins only) and enforces required MFA on members', async () => {
    const admin = await newMember(t);
    const team = (await admin.key.post('/api/teams', { team: { name: 'Strict' } })).body.team;
    const dev = await newMember(t);
    await addTeamMember(t, team.id, dev.id, 'developer');
    expect((await dev.key.patch(`/api/teams/${team.id}/policy`, { requireMfa: true })).status).toBe(403);
    expect((await admin.key.patch(`/api/teams/${team.id}/policy`, {})).status).toBe(400);
    expect((await admin.key.patch(`/api/teams/${team.id}/policy`, { maxApiKeyDays: 0 })).status).toBe(400);
    const set = await admin.session.patch(`/api/teams/${team.id}/policy`, {
      requireMfa: true,
      maxApiKeyDays: 90,
    });
    expect(set.status).toBe(200);
    expect(set.body.team).toMatchObject({ requireMfa: true, maxApiKeyDays: 90 });
    expect(await auditRows('team.policy_update', team.id)).toHaveLength(1);
    const db = t.server.database.db;
    expect(await maxApiKeyDaysForUser(db, dev.id)).toBe(90);
    expect(await maxApiKeyDaysForUser(db, (await makeUser(t)).id)).toBeNull();
    expect(await mfaRequiredForUser(db, dev.id)).toBe(true);
    const blocked = await dev.session.get('/api/workspaces');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.name).toBe('mfaEnrollmentRequired');
    expect((await dev.session.get('/api/me')).status).toBe(200);
  });

  it('applies API-key scopes on top of roles', async () => {
    const user = await newMember(t);
    const made = await user.session.post('/api/me/api-keys', { name: 'read only', scopes: ['teams:read'] });
    const readOnly = new TestClient(t.url, { apiKey: made.body.apiKey.key });
    expect((await readOnly.get('/api/teams')).status).toBe(200);
    const refused = await readOnly.post('/api/teams', { team: { name: 'Nope' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('teams:write');
  });

  it('answers bad input with 400 invalidParams', async () => {
    const user = await newMember(t);
    for (const body of [{}, { team: {} }, { team: { name: '' } }, { team: { name: 'x'.repeat(201) } }]) {
      const res = await user.key.post('/api/teams', body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('invalidParams');
    }
    expect((await user.key.get('/api/teams/not-a-uuid')).status).toBe(400);
    expect((await user.key.get('/api/teams?cursor=%%%')).status).toBe(400);
    const team = (await user.key.post('/api/teams', { team: { name: 'Roles' } })).body.team;
    expect(
      (await user.key.post(`/api/teams/${team.id}/invitations`, { email: 'a@example.test', role: 'owner' }))
        .status,
    ).toBe(400);
  });
});
