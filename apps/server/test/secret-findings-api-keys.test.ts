/**
 * A Postern API key pasted into saved content is revoked at once: its next request gets 401, the
 * revocation is audited by the system with where the key was found (never the key), the owner is
 * mailed, and the finding is recorded as `revoked`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/auth/api-key-format.ts';
import { DATABASE_KINDS } from './databases.ts';
import { newMember, readOutbox, startTestServer, type TestServer, waitForMail } from './helpers.ts';
import { collectionWithHeader } from './secret-findings-fixtures.ts';

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DATABASE_KINDS)('Postern API keys found in content (%s)', (kind) => {
  let t: TestServer;
  let owner: Member;
  let editor: Member;
  let ws: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    [owner, editor] = (await Promise.all([newMember(t), newMember(t)])) as [Member, Member];
    ws = (await editor.key.post('/api/workspaces', { workspace: { name: 'Scripts' } })).body.workspace.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function freshKey(name: string): Promise<{ id: string; key: string }> {
    const made = await owner.session.post('/api/me/api-keys', { name });
    expect(made.status).toBe(201);
    return { id: made.body.apiKey.id, key: made.body.apiKey.key };
  }

  const me = (key: string) => fetch(`${t.url}/api/me`, { headers: { 'x-api-key': key } });

  it('revokes a key pasted into a collection, audits it as the system and mails its owner', async () => {
    const leaked = await freshKey('ci pipeline');
    expect((await me(leaked.key)).status).toBe(200);

    const saved = await editor.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithHeader('Calls Postern', leaked.key),
    });
    expect(saved.status).toBe(201);
    expect(saved.body.warnings).toEqual([
      expect.objectContaining({
        ruleId: 'postern-api-key',
        jsonPath: 'item[0].request.header[1].value',
        status: 'revoked',
        redacted: 'pstn…',
      }),
    ]);
    expect(JSON.stringify(saved.body)).not.toContain(leaked.key);

    // Revoked at once: the very next request with it fails.
    expect((await me(leaked.key)).status).toBe(401);
    const keys = await owner.session.get('/api/me/api-keys');
    expect(keys.body.apiKeys.find((k: { id: string }) => k.id === leaked.id).revokedAt).toEqual(
      expect.any(String),
    );

    const db = t.server.database.db;
    const audit = await db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'apikey.auto_revoke')
      .where('target_id', '=', leaked.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, target_type: 'apikey', workspace_id: ws });
    expect(JSON.parse(audit[0]!.data)).toEqual({
      keyName: 'ci pipeline',
      foundIn: {
        elementType: 'collection',
        elementId: saved.body.collection.id,
        jsonPaths: ['item[0].request.header[1].value'],
      },
    });
    expect(JSON.stringify(audit)).not.toContain(leaked.key);

    const mail = await waitForMail(t, owner.email, /revoked your API key: ci pipeline$/);
    expect(mail.text).toContain('Calls Postern');
    expect(mail.text).toContain('item[0].request.header[1].value');
    expect(mail.raw).not.toContain(leaked.key);

    const [row] = await db
      .selectFrom('secret_findings')
      .selectAll()
      .where('element_id', '=', saved.body.collection.id)
      .execute();
    expect(row).toMatchObject({ rule_id: 'postern-api-key', status: 'revoked' });
    expect(JSON.stringify(row)).not.toContain(leaked.key);

    // Saving it again neither revokes twice nor mails again; the warning stays.
    const mailsBefore = readOutbox(t).length;
    const again = await editor.key.put(`/api/collections/${saved.body.collection.id}`, {
      collection: collectionWithHeader('Calls Postern', leaked.key),
    });
    expect(again.body.warnings).toEqual([expect.objectContaining({ status: 'revoked' })]);
    const rows = await db
      .selectFrom('audit_logs')
      .select('id')
      .where('action', '=', 'apikey.auto_revoke')
      .execute();
    expect(rows).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(readOutbox(t).length).toBe(mailsBefore);
  });

  it('revokes a key pasted into an environment’s plain value; a secret-typed value is left alone', async () => {
    const [plain, sealed] = [await freshKey('plain'), await freshKey('sealed')];
    const saved = await editor.key.post(`/api/environments?workspace=${ws}`, {
      environment: {
        name: 'Keys',
        values: [
          { key: 'sealedKey', value: sealed.key, type: 'secret' },
          { key: 'apiKey', value: plain.key, type: 'default' },
        ],
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.warnings).toEqual([
      expect.objectContaining({ ruleId: 'postern-api-key', jsonPath: 'values[1].value', status: 'revoked' }),
    ]);
    expect((await me(plain.key)).status).toBe(401);
    expect((await me(sealed.key)).status).toBe(200);
    await waitForMail(t, owner.email, /revoked your API key: plain$/);
  });

  it('records a well-formed key this server never issued as an open finding, revoking nothing', async () => {
    const foreign = generateApiKey();
    const saved = await editor.key.post(`/api/collections?workspace=${ws}`, {
      collection: collectionWithHeader('Other server', foreign),
    });
    expect(saved.status).toBe(201);
    expect(saved.body.warnings).toEqual([
      expect.objectContaining({ ruleId: 'postern-api-key', status: 'open' }),
    ]);
  });
});
