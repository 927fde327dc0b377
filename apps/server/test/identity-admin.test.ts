/** Suspension stops a user's sessions and API keys at once; administrators list API keys. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  newMember,
  requestFrom,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  TestClient,
  type TestServer,
  waitForMail,
} from './helpers.ts';

describe.each(DATABASE_KINDS)('administration of accounts (%s)', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestServer(kind);
    const made = await makeUser(t, { admin: true });
    adminId = made.id;
    admin = await signIn(t, made.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('suspends a user: session and API key stop on the next request, sign-in is refused', async () => {
    const member = await newMember(t);
    expect((await member.key.get('/api/me')).status).toBe(200);
    const res = await admin.post(`/api/admin/users/${member.id}/suspend`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: member.id, status: 'suspended' });
    expect((await member.session.get('/api/me')).status).toBe(401);
    expect((await member.key.get('/api/me')).status).toBe(401);
    const login = await new TestClient(t.url).post('/api/auth/login', {
      email: member.email,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(401);
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'user.suspend')
      .where('target_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(adminId);

    // Lifting it lets the user sign in again; the revoked key stays revoked.
    expect((await admin.post(`/api/admin/users/${member.id}/unsuspend`)).body.user.status).toBe('active');
    expect((await signIn(t, member.email)).auth.cookie).toBeTruthy();
    expect((await member.key.get('/api/me')).status).toBe(401);
  });

  it('lets only server administrators suspend, never themselves, and answers 404 for unknown users', async () => {
    const member = await newMember(t);
    const target = await makeUser(t);
    expect((await member.session.post(`/api/admin/users/${target.id}/suspend`)).status).toBe(403);
    expect((await member.key.post(`/api/admin/users/${target.id}/suspend`)).status).toBe(403);
    expect((await admin.post(`/api/admin/users/${adminId}/suspend`)).status).toBe(409);
    expect((await admin.post('/api/admin/users/00000000-0000-4000-8000-000000000000/suspend')).status).toBe(
      404,
    );
    expect((await admin.post('/api/admin/users/not-a-uuid/suspend')).status).toBe(400);
    // An admin's key needs the admin scope.
    const narrow = await admin.post('/api/me/api-keys', { name: 'narrow' });
    const narrowKey = new TestClient(t.url, { apiKey: narrow.body.apiKey.key });
    expect((await narrowKey.post(`/api/admin/users/${target.id}/suspend`)).status).toBe(403);
    const wide = await admin.post('/api/me/api-keys', { name: 'wide', scopes: ['admin'] });
    const wideKey = new TestClient(t.url, { apiKey: wide.body.apiKey.key });
    expect((await wideKey.post(`/api/admin/users/${target.id}/suspend`)).status).toBe(200);
  });

  it('lists API keys for administrators, by user, without the keys themselves', async () => {
    const member = await newMember(t);
    const made = await member.session.post('/api/me/api-keys', { name: 'second' });
    const all = await admin.get(`/api/admin/api-keys?userId=${member.id}`);
    expect(all.status).toBe(200);
    expect(all.body.apiKeys.map((k: { name: string }) => k.name).sort()).toEqual(['second', 'test key']);
    expect(all.body.apiKeys.every((k: { userId: string }) => k.userId === member.id)).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain(made.body.apiKey.key);
    expect((await member.session.get('/api/admin/api-keys')).status).toBe(403);
    expect((await admin.get('/api/admin/api-keys?userId=nope')).status).toBe(400);
  });

  it('reports mfaEnabled and emailVerified truly in GET /api/me', async () => {
    const member = await newMember(t);
    const me = await member.session.get('/api/me');
    expect(me.body.user).toEqual({
      id: member.id,
      email: member.email,
      name: expect.any(String),
      emailVerified: true,
      mfaEnabled: false,
      isAdmin: false,
    });
  });

  it('mails the owner about a sign-in from a new address, not about a known one', async () => {
    const user = await makeUser(t);
    const login = (from: string) =>
      requestFrom(
        from,
        t.url,
        'POST',
        '/api/auth/login',
        { email: user.email, password: TEST_PASSWORD },
        { 'user-agent': 'TestBrowser/1' },
      );
    expect((await login('127.0.5.1')).status).toBe(200);
    expect((await login('127.0.5.1')).status).toBe(200);
    expect((await login('127.0.5.2')).status).toBe(200);
    const mail = await waitForMail(t, user.email, /New sign-in/);
    expect(mail.text).toContain('127.0.5.2');
    expect(mail.text).toContain('TestBrowser/1');
    await new Promise((r) => setTimeout(r, 200));
    const { readOutbox } = await import('./helpers.ts');
    expect(
      readOutbox(t).filter((m) => m.to.includes(user.email) && /New sign-in/.test(m.subject)),
    ).toHaveLength(1);
  });
});
