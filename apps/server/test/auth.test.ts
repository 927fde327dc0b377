import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/chain.ts';
import { generateApiKey, isWellFormedApiKey } from '../src/auth/api-key-format.ts';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  newMember,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  TestClient,
  type TestServer,
} from './helpers.ts';

describe('API key format', () => {
  it('generates pstn_ keys whose checksum verifies, and rejects altered ones', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^pstn_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    const flipped = key.slice(0, 10) + (key[10] === 'a' ? 'b' : 'a') + key.slice(11);
    expect(isWellFormedApiKey(flipped)).toBe(false);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
  });
});

describe.each(DATABASE_KINDS)('sessions, API keys and the audit trail (%s)', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with a password, sets an HttpOnly SameSite=Lax cookie and answers /api/me', async () => {
    const user = await makeUser(t, { name: 'Ada' });
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email.toUpperCase(), password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^postern_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const client = await signIn(t, user.email);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: user.id, email: user.email, name: 'Ada', isAdmin: false });
    expect(me.body.csrfToken).toBe(client.auth.csrfToken);
  });

  it('refuses a wrong password and an unknown email alike, and audits both', async () => {
    const user = await makeUser(t);
    const anon = new TestClient(t.url);
    const wrong = await anon.post('/api/auth/login', {
      email: user.email,
      password: 'not the password at all',
    });
    const unknown = await anon.post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever it is',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    const rows = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'user.login_failed')
      .execute();
    expect(rows.some((r) => r.actor_id === user.id && r.outcome === 'failure')).toBe(true);
    expect(rows.some((r) => r.actor_id === null && JSON.parse(r.data).reason === 'unknown_email')).toBe(true);
  });

  it('needs the CSRF token on cookie-authenticated writes, not on API-key ones', async () => {
    const member = await newMember(t);
    const noCsrf = new TestClient(t.url, { cookie: member.session.auth.cookie });
    const refused = await noCsrf.post('/api/me/api-keys', { name: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('csrfFailed');
    const wrongCsrf = new TestClient(t.url, { cookie: member.session.auth.cookie, csrfToken: 'forged' });
    expect((await wrongCsrf.post('/api/me/api-keys', { name: 'x' })).body.error.name).toBe('csrfFailed');
    expect((await noCsrf.get('/api/me')).status).toBe(200);
    expect((await member.key.post('/api/me/api-keys', { name: 'from a key' })).status).toBe(201);
  });

  it('shows a key once, stores only its hash, and stops a revoked key on the next request', async () => {
    const member = await newMember(t);
    const made = await member.session.post('/api/me/api-keys', { name: 'ci', scopes: ['collections:read'] });
    expect(made.status).toBe(201);
    const key: string = made.body.apiKey.key;
    expect(isWellFormedApiKey(key)).toBe(true);
    const stored = await t.server.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', made.body.apiKey.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);
    const list = await member.session.get('/api/me/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.apiKeys.find((k: { id: string }) => k.id === made.body.apiKey.id)).toMatchObject({
      name: 'ci',
      scopes: ['collections:read'],
    });

    const client = new TestClient(t.url, { apiKey: key });
    expect((await client.get('/api/me')).status).toBe(200);
    const used = await member.session.get('/api/me/api-keys');
    expect(
      used.body.apiKeys.find((k: { id: string }) => k.id === made.body.apiKey.id).lastUsedAt,
    ).not.toBeNull();
    expect((await member.session.delete(`/api/me/api-keys/${made.body.apiKey.id}`)).status).toBe(204);
    const after = await client.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error.name).toBe('unauthenticated');
  });

  it('rejects forged and malformed keys, and keys of other users cannot be revoked', async () => {
    const a = await newMember(t);
    const b = await newMember(t);
    for (const forged of [generateApiKey(), 'pstn_short', 'not-a-key', '']) {
      const res = await new TestClient(t.url, { apiKey: forged }).get('/api/me');
      expect(res.status).toBe(401);
    }
    const bKeys = await b.session.get('/api/me/api-keys');
    const res = await a.session.delete(`/api/me/api-keys/${bKeys.body.apiKeys[0].id}`);
    expect(res.status).toBe(404);
    expect((await b.key.get('/api/me')).status).toBe(200);
  });

  it('enforces key scopes: a key without audit:read cannot read the trail', async () => {
    const admin = await makeUser(t, { admin: true });
    const session = await signIn(t, admin.email);
    const narrow = await session.post('/api/me/api-keys', { name: 'n', scopes: ['collections:read'] });
    const res = await new TestClient(t.url, { apiKey: narrow.body.apiKey.key }).get('/api/audit/logs');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('forbidden');
    const widen = await new TestClient(t.url, { apiKey: narrow.body.apiKey.key }).post('/api/me/api-keys', {
      name: 'wider',
      scopes: ['collections:write'],
    });
    expect(widen.status).toBe(403);
  });

  it('lists sessions and revokes one, which signs that browser out', async () => {
    const user = await makeUser(t);
    const first = await signIn(t, user.email);
    const second = await signIn(t, user.email);
    const list = await first.get('/api/me/sessions');
    expect(list.body.sessions).toHaveLength(2);
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect((await first.delete(`/api/me/sessions/${other.id}`)).status).toBe(204);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await first.get('/api/me')).status).toBe(200);
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect((await first.get('/api/me')).status).toBe(401);
  });

  it('serves the audit trail to administrators only, newest first, with a working cursor', async () => {
    const admin = await makeUser(t, { admin: true });
    const session = await signIn(t, admin.email);
    const member = await newMember(t);
    expect((await member.session.get('/api/audit/logs')).status).toBe(403);
    const page1 = await session.get('/api/audit/logs?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.trails).toHaveLength(2);
    expect(page1.body.trails[0]).toMatchObject({ action: expect.any(String), timestamp: expect.any(String) });
    const page2 = await session.get(`/api/audit/logs?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.trails[0].id).not.toBe(page1.body.trails[0].id);
    expect(Date.parse(page2.body.trails[0].timestamp)).toBeLessThanOrEqual(
      Date.parse(page1.body.trails[1].timestamp),
    );
    const logins = await session.get(`/api/audit/logs?action=user.login&userId=${member.id}`);
    expect(logins.body.trails.length).toBeGreaterThan(0);
    expect(logins.body.trails.every((r: { action: string }) => r.action === 'user.login')).toBe(true);
    expect(logins.body.trails[0].data.actor).toMatchObject({ id: member.id, email: member.email });
    expect((await session.get('/api/audit/logs?cursor=!!')).status).toBe(400);
  });

  it('keeps an intact hash chain, and the database refuses to update or delete audit rows', async () => {
    const db = t.server.database.db;
    const rows = await db.selectFrom('audit_logs').selectAll().orderBy('seq').execute();
    expect(rows.length).toBeGreaterThan(5);
    expect(verifyChain(rows)).toBeUndefined();
    const edited = rows.map((r, i) => (i === 2 ? { ...r, message: 'nothing happened' } : r));
    expect(verifyChain(edited)).toMatch(/row 3: hash does not match/);
    expect(verifyChain(rows.filter((_, i) => i !== 2))).toMatch(/row 4/);
    await expect(sql`UPDATE audit_logs SET message = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_logs`.execute(db)).rejects.toThrow(/append-only/);
    if (kind === 'postgres')
      await expect(sql`TRUNCATE audit_logs`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_logs').select('seq').execute()).toHaveLength(rows.length);
  });
});
