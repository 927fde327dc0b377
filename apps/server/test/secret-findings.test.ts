/**
 * Secret findings on save: a collection or environment holding a secret is saved (201/200) with
 * warnings naming the JSON path, never the secret; findings are recorded (HMAC, not the value),
 * listed through the policy, resolved by editors, and keep their status across saves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import { addTeamMember, newMember, startTestServer, type TestServer } from './helpers.ts';
import { collectionWithTokens, githubToken } from './secret-findings-fixtures.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DATABASE_KINDS)('secret findings on save (%s)', (kind) => {
  let t: TestServer;
  let admin: Member;
  let dev: Member;
  let outsider: Member;
  let teamId: string;
  let ws: string;
  let outsiderWs: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    [admin, dev, outsider] = (await Promise.all([newMember(t), newMember(t), newMember(t)])) as [
      Member,
      Member,
      Member,
    ];
    teamId = (await admin.key.post('/api/teams', { team: { name: 'Findings' } })).body.team.id;
    await addTeamMember(t, teamId, dev.id, 'developer');
    ws = (await admin.key.post('/api/workspaces', { workspace: { name: 'API', type: 'team', teamId } })).body
      .workspace.id;
    // The outsider administers a team of their own.
    const otherTeam = (await outsider.key.post('/api/teams', { team: { name: 'Other' } })).body.team.id;
    outsiderWs = (
      await outsider.key.post('/api/workspaces', {
        workspace: { name: 'Mine', type: 'team', teamId: otherTeam },
      })
    ).body.workspace.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const rowsOf = (elementId: string) =>
    t.server.database.db
      .selectFrom('secret_findings')
      .selectAll()
      .where('element_id', '=', elementId)
      .execute();

  it('saves a collection with a planted token: 201, warnings with JSON paths, no secret anywhere', async () => {
    const token = githubToken(1);
    const made = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Payments', ['{{token}}', token]),
    });
    expect(made.status).toBe(201);
    expect(made.body.collection.name).toBe('Payments');
    expect(made.body.warnings).toEqual([
      expect.objectContaining({
        ruleId: 'github-pat',
        jsonPath: 'item[1].request.auth.bearer[0].value',
        line: 1,
        redacted: 'ghp_…',
        status: 'open',
      }),
    ]);
    expect(made.body.warnings[0].column).toBeGreaterThan(1);
    expect(made.body.warnings[0].message).toMatch(/secret variable/);
    expect(JSON.stringify(made.body)).not.toContain(token.slice(4));

    const rows = await rowsOf(made.body.collection.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workspace_id: ws, element_type: 'collection', status: 'open' });
    expect(rows[0]!.hmac).toMatch(/^fp1:/);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));

    const list = await admin.key.get(`/api/secret-findings?workspace=${ws}`);
    expect(list.status).toBe(200);
    expect(list.body.findings).toEqual([
      expect.objectContaining({
        id: rows[0]!.id,
        elementType: 'collection',
        elementId: made.body.collection.id,
        elementName: 'Payments',
        ruleId: 'github-pat',
        jsonPath: 'item[1].request.auth.bearer[0].value',
        status: 'open',
      }),
    ]);
    expect(list.body.meta).toEqual({ nextCursor: null });
    expect(JSON.stringify(list.body)).not.toContain(token.slice(4));
  });

  it('keeps a resolved finding across saves, drops open ones that vanished, warns only about open ones', async () => {
    const [a, b] = [githubToken(2), githubToken(3)];
    const made = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Two', [a, b]),
    });
    const id = made.body.collection.id;
    expect(made.body.warnings.map((w: { jsonPath: string }) => w.jsonPath)).toEqual([
      'item[0].request.auth.bearer[0].value',
      'item[1].request.auth.bearer[0].value',
    ]);
    const first = (await rowsOf(id)).find((r) => r.json_path.startsWith('item[0]'))!;

    // Resolve one; the developer is a viewer of team workspaces: 403 (visible, not allowed).
    const byViewer = await dev.key.patch(`/api/secret-findings/${first.id}`, { status: 'used_in_tests' });
    expect(byViewer.status).toBe(403);
    const resolved = await admin.key.patch(`/api/secret-findings/${first.id}`, {
      status: 'used_in_tests',
      reason: 'sandbox token of the test account',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.finding).toMatchObject({
      id: first.id,
      status: 'used_in_tests',
      reason: 'sandbox token of the test account',
      resolvedBy: admin.id,
    });
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'secret_finding.update')
      .where('target_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ from: 'open', to: 'used_in_tests', redacted: 'ghp_…' });
    expect(audit.data).not.toContain(a.slice(4));

    // Same content again: the resolved finding keeps its status and no longer warns.
    const again = await admin.key.put(`/api/collections/${id}`, {
      collection: collectionWithTokens('Two', [a, b]),
    });
    expect(again.status).toBe(200);
    expect(again.body.warnings.map((w: { jsonPath: string }) => w.jsonPath)).toEqual([
      'item[1].request.auth.bearer[0].value',
    ]);
    expect((await rowsOf(id)).find((r) => r.id === first.id)?.status).toBe('used_in_tests');

    // Both tokens removed: the open finding goes, the resolved one stays on record.
    const clean = await admin.key.put(`/api/collections/${id}`, {
      collection: collectionWithTokens('Two', ['{{token}}', '{{token}}']),
    });
    expect(clean.body.warnings).toEqual([]);
    expect((await rowsOf(id)).map((r) => [r.id, r.status])).toEqual([[first.id, 'used_in_tests']]);

    // Deleting the collection deletes its findings.
    expect((await admin.key.delete(`/api/collections/${id}`)).status).toBe(204);
    expect(await rowsOf(id)).toEqual([]);
  });

  it('scans a restored version like any save: the old secret comes back as a warning and a finding', async () => {
    const token = githubToken(7);
    const made = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Restored', [token]),
    });
    const id = made.body.collection.id;
    const clean = await admin.key.put(`/api/collections/${id}`, {
      collection: collectionWithTokens('Restored', ['{{token}}']),
    });
    expect(clean.body.warnings).toEqual([]);
    expect(await rowsOf(id)).toHaveLength(0);
    const restored = await admin.key.post(`/api/collections/${id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.warnings).toHaveLength(1);
    expect(JSON.stringify(restored.body)).not.toContain(token);
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it('scans environments’ default values only: a secret-typed variable is where a secret belongs', async () => {
    const [plain, sealed] = [githubToken(4), githubToken(5)];
    const made = await admin.key.post(`/api/environments?workspace=${ws}`, {
      environment: {
        name: 'Prod',
        values: [
          { key: 'host', value: 'api.example.test' },
          { key: 'sealed', value: sealed, type: 'secret' },
          { key: 'githubToken', value: plain, type: 'default' },
        ],
      },
    });
    expect(made.status).toBe(201);
    expect(made.body.warnings).toEqual([
      expect.objectContaining({ ruleId: 'github-pat', jsonPath: 'values[2].value', status: 'open' }),
    ]);
    expect(made.body.warnings[0].message).toMatch(/type "secret"/);
    const text = JSON.stringify(made.body);
    expect(text).not.toContain(plain.slice(4));
    expect(text).not.toContain(sealed.slice(4));

    // Making it secret-typed resolves the matter: the open finding is gone.
    const fixed = await admin.key.put(`/api/environments/${made.body.environment.id}`, {
      environment: {
        name: 'Prod',
        values: [
          { key: 'host', value: 'api.example.test' },
          { key: 'sealed', value: null, type: 'secret' },
          { key: 'githubToken', value: plain, type: 'secret' },
        ],
      },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.warnings).toEqual([]);
    expect(fixed.body.environment.values[2]).toMatchObject({ value: null, masked: true });
    expect(await rowsOf(made.body.environment.id)).toEqual([]);
  });

  it('lists findings through the policy: another team’s admin sees none and gets 404 for their ids', async () => {
    const made = await admin.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithTokens('Hidden', [githubToken(6)]),
    });
    const [row] = await rowsOf(made.body.collection.id);

    // A team developer reads team workspaces: sees it.
    const devList = await dev.key.get(`/api/secret-findings?workspace=${ws}&status=open`);
    expect(devList.body.findings.map((f: { id: string }) => f.id)).toContain(row!.id);

    // An outsider sees none of it, and the id and workspace answer 404.
    const all = await outsider.key.get('/api/secret-findings?limit=500');
    expect(all.status).toBe(200);
    expect(all.body.findings).toEqual([]);
    expect((await outsider.key.get(`/api/secret-findings?workspace=${ws}`)).status).toBe(404);
    for (const body of [{ status: 'false_positive' }, { status: 'open', reason: 'x' }]) {
      const res = await outsider.key.patch(`/api/secret-findings/${row!.id}`, body);
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('notFound');
    }
    const unknown = await outsider.key.patch('/api/secret-findings/00000000-0000-4000-8000-000000000000', {
      status: 'false_positive',
    });
    expect(unknown.body).toEqual(
      (await outsider.key.patch(`/api/secret-findings/${row!.id}`, { status: 'open' })).body,
    );
    expect((await rowsOf(made.body.collection.id))[0]!.status).toBe('open');

    // The outsider's own findings are theirs alone.
    const own = await outsider.key.post(`/api/collections?workspace=${outsiderWs}`, {
      collection: collectionWithTokens('Own', [githubToken(7)]),
    });
    const ownList = await outsider.key.get('/api/secret-findings');
    expect(ownList.body.findings.map((f: { elementId: string }) => f.elementId)).toEqual([
      own.body.collection.id,
    ]);
    const adminList = await admin.key.get('/api/secret-findings?limit=500');
    expect(JSON.stringify(adminList.body)).not.toContain(own.body.collection.id);
  });

  it('pages the list with a cursor and validates filters and bodies', async () => {
    const first = await admin.key.get(`/api/secret-findings?workspace=${ws}&limit=1`);
    expect(first.body.findings).toHaveLength(1);
    expect(first.body.meta.nextCursor).toEqual(expect.any(String));
    const second = await admin.key.get(
      `/api/secret-findings?workspace=${ws}&limit=1&cursor=${first.body.meta.nextCursor}`,
    );
    expect(second.body.findings).toHaveLength(1);
    expect(second.body.findings[0].id).not.toBe(first.body.findings[0].id);
    expect((await admin.key.get('/api/secret-findings?status=fixed')).status).toBe(400);
    expect((await admin.key.get('/api/secret-findings?cursor=nope')).body.error.name).toBe('invalidParams');
    const id = first.body.findings[0].id;
    expect((await admin.key.patch(`/api/secret-findings/${id}`, { status: 'gone' })).status).toBe(400);
    expect((await admin.key.patch('/api/secret-findings/not-a-uuid', { status: 'open' })).status).toBe(400);
  });

  it('needs the findings scopes on API keys', async () => {
    const narrow = await admin.session.post('/api/me/api-keys', { name: 'ci', scopes: ['collections:read'] });
    const res = await fetch(`${t.url}/api/secret-findings`, {
      headers: { 'x-api-key': narrow.body.apiKey.key },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('findings:read');
  });
});
