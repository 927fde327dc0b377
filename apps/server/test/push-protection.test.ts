/**
 * Push protection: making a workspace public or partner, or sharing a collection outside its team,
 * scans what would be exposed; open findings refuse the change (409 `secretsDetected` with paths,
 * never the secret, nothing changed, `push_protection.block` on the trail) unless the request
 * carries a bypass, which is audited, mailed to every team admin and sets the findings' status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import {
  addTeamMember,
  newMember,
  readOutbox,
  sampleCollection,
  startTestServer,
  type TestServer,
  waitForMail,
} from './helpers.ts';
import { collectionWithTokens, githubToken } from './secret-findings-fixtures.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DATABASE_KINDS)('push protection (%s)', (kind) => {
  let t: TestServer;
  let admin: Member;
  let admin2: Member;
  let dev: Member;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    [admin, admin2, dev] = (await Promise.all([newMember(t), newMember(t), newMember(t)])) as [
      Member,
      Member,
      Member,
    ];
    teamId = (await admin.key.post('/api/teams', { team: { name: 'Guarded' } })).body.team.id;
    await addTeamMember(t, teamId, admin2.id, 'admin');
    await addTeamMember(t, teamId, dev.id, 'developer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.server.database.db;

  async function teamWorkspace(name: string): Promise<string> {
    const made = await admin.key.post('/api/workspaces', { workspace: { name, type: 'team', teamId } });
    return made.body.workspace.id;
  }

  async function auditOf(action: string, workspaceId: string) {
    return db()
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', action)
      .where('workspace_id', '=', workspaceId)
      .orderBy('seq')
      .execute();
  }

  it('blocks making a workspace public while it holds a secret, and records the refusal', async () => {
    const ws = await teamWorkspace('Leaky');
    const token = githubToken(11);
    const col = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Payments', ['{{token}}', token]),
    });
    expect(col.status).toBe(201);
    const env = await admin.key.post(`/api/environments?workspace=${ws}`, {
      environment: { name: 'Prod', values: [{ key: 'sealed', value: githubToken(12), type: 'secret' }] },
    });
    expect(env.body.warnings).toEqual([]);

    const blocked = await admin.key.put(`/api/workspaces/${ws}`, {
      workspace: { type: 'public', name: 'Renamed' },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.name).toBe('secretsDetected');
    expect(blocked.body.error.details.findings).toEqual([
      {
        elementType: 'collection',
        elementId: col.body.collection.id,
        elementName: 'Payments',
        ruleId: 'github-pat',
        jsonPath: 'item[1].request.auth.bearer[0].value',
        line: 1,
        column: expect.any(Number),
        redacted: 'ghp_…',
      },
    ]);
    expect(JSON.stringify(blocked.body)).not.toContain(token.slice(4));

    // Nothing changed, and the refusal is on the trail though the change rolled back.
    const now = await admin.key.get(`/api/workspaces/${ws}`);
    expect(now.body.workspace).toMatchObject({ type: 'team', name: 'Leaky' });
    expect(await auditOf('workspace.visibility_change', ws)).toEqual([]);
    expect(await auditOf('workspace.update', ws)).toEqual([]);
    const [block] = await auditOf('push_protection.block', ws);
    expect(block).toMatchObject({
      outcome: 'denied',
      actor_id: admin.id,
      target_type: 'workspace',
      target_id: ws,
    });
    expect(JSON.parse(block!.data)).toMatchObject({
      change: { kind: 'visibility', from: 'team', to: 'public' },
      total: 1,
      findings: [
        { ruleId: 'github-pat', jsonPath: 'item[1].request.auth.bearer[0].value', redacted: 'ghp_…' },
      ],
    });
    expect(block!.data).not.toContain(token.slice(4));

    // Partner exposes it too; private does not.
    expect((await admin.key.put(`/api/workspaces/${ws}`, { workspace: { type: 'partner' } })).status).toBe(
      409,
    );
    expect((await admin.key.put(`/api/workspaces/${ws}`, { workspace: { type: 'private' } })).status).toBe(
      200,
    );
    expect((await admin.key.put(`/api/workspaces/${ws}`, { workspace: { type: 'team' } })).status).toBe(200);
  });

  it('lets a bypass through with a reason: audited, every team admin mailed, findings take the reason', async () => {
    const ws = await teamWorkspace('Demo');
    const token = githubToken(13);
    const col = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Demo calls', [token]),
    });
    const badReason = await admin.key.put(`/api/workspaces/${ws}`, {
      workspace: { type: 'public' },
      bypass: { reason: 'because' },
    });
    expect(badReason.status).toBe(400);

    const done = await admin.key.put(`/api/workspaces/${ws}`, {
      workspace: { type: 'public' },
      bypass: { reason: 'used_in_tests', comment: 'sandbox account token' },
    });
    expect(done.status).toBe(200);
    expect(done.body.workspace.type).toBe('public');
    const [bypass] = await auditOf('push_protection.bypass', ws);
    expect(bypass).toMatchObject({ outcome: 'success', actor_id: admin.id });
    expect(JSON.parse(bypass!.data)).toMatchObject({
      reason: 'used_in_tests',
      comment: 'sandbox account token',
      findings: [
        {
          elementType: 'collection',
          elementId: col.body.collection.id,
          jsonPath: 'item[0].request.auth.bearer[0].value',
          redacted: 'ghp_…',
        },
      ],
    });
    expect(await auditOf('workspace.visibility_change', ws)).toHaveLength(1);

    for (const who of [admin, admin2]) {
      const mail = await waitForMail(t, who.email, /Push protection was bypassed/);
      expect(mail.text).toContain(admin.email);
      expect(mail.text).toContain('make workspace "Demo" public');
      expect(mail.text).toContain('used_in_tests');
      expect(mail.text).toContain('item[0].request.auth.bearer[0].value');
      expect(mail.raw).not.toContain(token.slice(4));
    }
    expect(readOutbox(t).some((m) => m.to.includes(dev.email) && /bypassed/.test(m.subject))).toBe(false);

    const findings = await admin.key.get(`/api/secret-findings?workspace=${ws}`);
    expect(findings.body.findings).toEqual([
      expect.objectContaining({
        status: 'used_in_tests',
        reason: 'sandbox account token',
        resolvedBy: admin.id,
      }),
    ]);
  });

  it('lets resolved findings through without a bypass; a bypass with nothing to bypass is not recorded', async () => {
    const ws = await teamWorkspace('Resolved');
    const col = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Fixture', [githubToken(14)]),
    });
    const [finding] = (await admin.key.get(`/api/secret-findings?workspace=${ws}`)).body.findings;
    expect(finding.elementId).toBe(col.body.collection.id);
    await admin.key.patch(`/api/secret-findings/${finding.id}`, { status: 'false_positive' });
    const done = await admin.key.put(`/api/workspaces/${ws}`, {
      workspace: { type: 'partner' },
      bypass: { reason: 'accepted_risk' },
    });
    expect(done.status).toBe(200);
    expect(await auditOf('push_protection.bypass', ws)).toEqual([]);
    expect(await auditOf('push_protection.block', ws)).toEqual([]);
  });

  it('scans environments’ plain values on publication', async () => {
    const ws = await teamWorkspace('Env leak');
    const env = await admin.key.post(`/api/environments?workspace=${ws}`, {
      environment: {
        name: 'Staging',
        values: [
          { key: 'sealed', value: githubToken(15), type: 'secret' },
          { key: 'gh', value: githubToken(16) },
        ],
      },
    });
    const blocked = await admin.key.put(`/api/workspaces/${ws}`, { workspace: { type: 'public' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.findings).toEqual([
      expect.objectContaining({
        elementType: 'environment',
        elementId: env.body.environment.id,
        elementName: 'Staging',
        jsonPath: 'values[1].value',
      }),
    ]);
  });

  it('guards sharing a collection outside its team; inside the team it is a plain copy', async () => {
    const ws = await teamWorkspace('Source');
    const sibling = await teamWorkspace('Sibling');
    const token = githubToken(17);
    const col = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Shared', [token]),
    });
    const colId = col.body.collection.id;
    const personal = (await admin.key.post('/api/workspaces', { workspace: { name: 'Mine' } })).body.workspace
      .id;

    // Inside the team: copied, with the copy's findings (still open) and their warnings.
    const inside = await admin.key.post(`/api/collections/${colId}/share`, { workspaceId: sibling });
    expect(inside.status).toBe(201);
    expect(inside.body.collection).toMatchObject({ name: 'Shared', workspaceId: sibling, version: 1 });
    expect(inside.body.warnings).toEqual([expect.objectContaining({ ruleId: 'github-pat', status: 'open' })]);
    const copy = await admin.key.get(`/api/collections/${inside.body.collection.id}`);
    expect(copy.body.collection.info._postman_id).toBe(inside.body.collection.id);

    // Outside (a personal workspace belongs to no team): refused, nothing copied.
    const before = (await admin.key.get(`/api/collections?workspace=${personal}`)).body.collections.length;
    const blocked = await admin.key.post(`/api/collections/${colId}/share`, { workspaceId: personal });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.findings).toEqual([
      expect.objectContaining({ elementId: colId, jsonPath: 'item[0].request.auth.bearer[0].value' }),
    ]);
    expect(JSON.stringify(blocked.body)).not.toContain(token.slice(4));
    expect((await admin.key.get(`/api/collections?workspace=${personal}`)).body.collections).toHaveLength(
      before,
    );
    const [block] = await auditOf('push_protection.block', ws);
    expect(block).toMatchObject({ target_type: 'collection', target_id: colId, outcome: 'denied' });

    // With a bypass: copied; the original's and the copy's findings take the reason.
    const shared = await admin.key.post(`/api/collections/${colId}/share`, {
      workspaceId: personal,
      bypass: { reason: 'accepted_risk' },
    });
    expect(shared.status).toBe(201);
    expect(shared.body.warnings).toEqual([]);
    const statuses = await db()
      .selectFrom('secret_findings')
      .select(['element_id', 'status'])
      .where('element_id', 'in', [colId, shared.body.collection.id])
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['accepted_risk', 'accepted_risk']);
    const [share] = (await auditOf('collection.share', ws)).filter(
      (r) => JSON.parse(r.data).copyId === shared.body.collection.id,
    );
    expect(JSON.parse(share!.data)).toMatchObject({ targetWorkspaceId: personal, outsideTeam: true });
    await waitForMail(t, admin2.email, /Push protection was bypassed/);
  });

  it('shares only what the caller may read, into workspaces they may add to', async () => {
    const ws = await teamWorkspace('Guarded source');
    const col = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: sampleCollection('Plain'),
    });
    const colId = col.body.collection.id;
    const devOwn = (await dev.key.post('/api/workspaces', { workspace: { name: 'Dev own' } })).body.workspace
      .id;
    const outsider = await newMember(t);
    const theirs = (await outsider.key.post('/api/workspaces', { workspace: { name: 'Theirs' } })).body
      .workspace.id;

    // A developer reads the team's collection and may copy it into their own workspace (no secret in it).
    expect((await dev.key.post(`/api/collections/${colId}/share`, { workspaceId: devOwn })).status).toBe(201);
    // …but not into team workspaces they only view, nor into a stranger's.
    expect((await dev.key.post(`/api/collections/${colId}/share`, { workspaceId: ws })).status).toBe(403);
    const sibling = await teamWorkspace('Viewed');
    expect((await dev.key.post(`/api/collections/${colId}/share`, { workspaceId: sibling })).status).toBe(
      403,
    );
    const same = await admin.key.post(`/api/collections/${colId}/share`, { workspaceId: ws });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('already in that workspace');
    expect((await dev.key.post(`/api/collections/${colId}/share`, { workspaceId: theirs })).status).toBe(404);
    // The outsider cannot see the collection at all.
    const foreign = await outsider.key.post(`/api/collections/${colId}/share`, { workspaceId: theirs });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.name).toBe('notFound');
  });
});
