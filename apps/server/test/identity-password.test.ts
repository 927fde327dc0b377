/**
 * Password reset by mail and password change: the answers do not reveal accounts, tokens work once
 * and expire, sessions end, and the owner is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  newMember,
  readOutbox,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  TestClient,
  type TestServer,
  tokenIn,
  waitForMail,
} from './helpers.ts';

const NEW_PASSWORD = 'lantern meadow quietly hums';

describe.each(DATABASE_KINDS)('password reset and change (%s)', (kind) => {
  let t: TestServer;
  let anon: TestClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    anon = new TestClient(t.url);
  });
  afterAll(async () => {
    await t?.close();
  });

  const resetMailsTo = (email: string) =>
    readOutbox(t).filter((m) => m.to.includes(email) && /Reset your/.test(m.subject));

  it('answers 202 alike for known and unknown addresses, and mails only the known one', async () => {
    const user = await makeUser(t);
    const known = await anon.post('/api/auth/password-reset', { email: user.email.toUpperCase() });
    const unknown = await anon.post('/api/auth/password-reset', { email: 'ghost@example.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const mail = await waitForMail(t, user.email, /Reset your Postern password/);
    expect(mail.text).toMatch(/\/reset-password\?token=/);
    expect(mail.text).not.toContain(TEST_PASSWORD);
    await new Promise((r) => setTimeout(r, 200));
    expect(readOutbox(t).some((m) => m.to.includes('ghost@example.test'))).toBe(false);
  });

  it('resets with the token once, ends every session, keeps the token through a weak password', async () => {
    const user = await makeUser(t);
    const first = await signIn(t, user.email);
    const second = await signIn(t, user.email);
    await anon.post('/api/auth/password-reset', { email: user.email });
    const token = tokenIn(await waitForMail(t, user.email, /Reset your/));

    const weak = await anon.post('/api/auth/password-reset/confirm', { token, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.name).toBe('weakPassword');

    const done = await anon.post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: user.id, emailVerified: true });
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await anon.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(
      401,
    );
    expect((await signIn(t, user.email, NEW_PASSWORD)).auth.cookie).toBeTruthy();

    const reused = await anon.post('/api/auth/password-reset/confirm', {
      token,
      password: 'another fine passphrase',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.name).toBe('invalidToken');
    const notice = await waitForMail(t, user.email, /password was reset/);
    expect(notice.text).not.toContain(NEW_PASSWORD);
    const actions = await t.server.database.db
      .selectFrom('audit_logs')
      .select('action')
      .where('target_id', '=', user.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.password_reset_request', 'user.password_reset']),
    );
  });

  it('refuses an expired token, and an earlier token once a newer one is issued', async () => {
    const user = await makeUser(t);
    await anon.post('/api/auth/password-reset', { email: user.email });
    const older = tokenIn(await waitForMail(t, user.email, /Reset your/));
    await anon.post('/api/auth/password-reset', { email: user.email });
    const until = Date.now() + 5000;
    while (resetMailsTo(user.email).length < 2 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 25));
    const newer = tokenIn(resetMailsTo(user.email)[1]!);
    expect(newer).not.toBe(older);
    expect(
      (await anon.post('/api/auth/password-reset/confirm', { token: older, password: NEW_PASSWORD })).body
        .error.name,
    ).toBe('invalidToken');
    await t.server.database.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await anon.post('/api/auth/password-reset/confirm', {
      token: newer,
      password: NEW_PASSWORD,
    });
    expect(expired.status).toBe(400);
    expect(expired.body.error.name).toBe('invalidToken');
  });

  it('does not send reset mail for a suspended account', async () => {
    const admin = await signIn(t, (await makeUser(t, { admin: true })).email);
    const user = await makeUser(t);
    expect((await admin.post(`/api/admin/users/${user.id}/suspend`)).status).toBe(200);
    expect((await anon.post('/api/auth/password-reset', { email: user.email })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(resetMailsTo(user.email)).toEqual([]);
  });

  it('changes the password with the current one, ending the other sessions only', async () => {
    const member = await newMember(t);
    const other = await signIn(t, member.email);
    const wrong = await member.session.post('/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.name).toBe('wrongPassword');
    const viaKey = await member.key.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(viaKey.status).toBe(403);
    const weak = await member.session.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'qwertyuiop123',
    });
    expect(weak.body.error.name).toBe('weakPassword');
    const same = await member.session.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    expect(same.body.error.name).toBe('weakPassword');

    const ok = await member.session.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.status).toBe(204);
    expect((await member.session.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    // API keys are not sessions: they keep working.
    expect((await member.key.get('/api/me')).status).toBe(200);
    expect((await signIn(t, member.email, NEW_PASSWORD)).auth.cookie).toBeTruthy();
    const notice = await waitForMail(t, member.email, /password was changed/);
    expect(notice.raw).not.toContain(NEW_PASSWORD);
    expect(notice.raw).not.toContain(TEST_PASSWORD);
  });
});
