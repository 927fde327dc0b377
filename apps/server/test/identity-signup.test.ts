/**
 * Sign-up by invitation (or open sign-up when an administrator allows it), the password policy,
 * email verification with one-time tokens, and the admin settings route.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InvitationLookup, setInvitationLookup } from '../src/modules/signup/invitations.ts';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  readOutbox,
  signIn,
  startTestServer,
  TestClient,
  type TestServer,
  tokenIn,
  waitForMail,
} from './helpers.ts';

const GOOD_PASSWORD = 'plum tractor whistles softly';

describe.each(DATABASE_KINDS)('sign-up and email verification (%s)', (kind) => {
  let t: TestServer;
  let anon: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    anon = new TestClient(t.url);
    admin = await signIn(t, (await makeUser(t, { admin: true })).email);
  });
  afterAll(async () => {
    await t?.close();
  });
  // The check the server registered at start (the teams module's, when it is installed).
  let registered: InvitationLookup;
  beforeEach(() => {
    registered = setInvitationLookup(undefined);
    setInvitationLookup(registered);
  });
  afterEach(() => {
    setInvitationLookup(registered);
  });

  const setOpenSignup = (openSignup: boolean) => admin.patch('/api/admin/settings', { openSignup });

  it('refuses sign-up without an invitation while sign-up is closed (the default)', async () => {
    expect((await admin.get('/api/admin/settings')).body).toEqual({ settings: { openSignup: false } });
    const res = await anon.post('/api/auth/signup', {
      email: 'eve@example.test',
      password: GOOD_PASSWORD,
      name: 'Eve',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('signupClosed');
    const forged = await anon.post('/api/auth/signup', {
      email: 'eve@example.test',
      password: GOOD_PASSWORD,
      name: 'Eve',
      invitation: 'made-up-token',
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.name).toBe('signupClosed');
    expect(
      await t.server.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'eve@example.test')
        .execute(),
    ).toEqual([]);
  });

  it('accepts an invitation only for the email it was sent to', async () => {
    const seen: [string, string][] = [];
    setInvitationLookup(async (_db, token, email) => {
      seen.push([token, email]);
      return token === 'invite-123' && email === 'invited@example.test';
    });
    const wrongEmail = await anon.post('/api/auth/signup', {
      email: 'someone-else@example.test',
      password: GOOD_PASSWORD,
      name: 'Else',
      invitation: 'invite-123',
    });
    expect(wrongEmail.status).toBe(403);
    expect(wrongEmail.body.error.name).toBe('signupClosed');
    const ok = await anon.post('/api/auth/signup', {
      email: 'Invited@Example.test',
      password: GOOD_PASSWORD,
      name: 'Invited',
      invitation: 'invite-123',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({
      email: 'invited@example.test',
      name: 'Invited',
      emailVerified: false,
      mfaEnabled: false,
    });
    expect(seen).toContainEqual(['invite-123', 'invited@example.test']);
  });

  it('lets only administrators open sign-up, audits it, and then anyone may sign up and verify once', async () => {
    const member = await signIn(t, (await makeUser(t)).email);
    const denied = await member.patch('/api/admin/settings', { openSignup: true });
    expect(denied.status).toBe(403);
    expect((await member.get('/api/admin/settings')).status).toBe(403);
    expect((await setOpenSignup(true)).body).toEqual({ settings: { openSignup: true } });
    const audit = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'settings.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toEqual({ before: { openSignup: false }, after: { openSignup: true } });

    const res = await anon.post('/api/auth/signup', {
      email: 'Open@Example.test',
      password: GOOD_PASSWORD,
      name: 'Open',
    });
    expect(res.status).toBe(201);
    const mail = await waitForMail(t, 'open@example.test', /Confirm your email/);
    expect(mail.text).toContain('/verify-email?token=');
    expect(mail.text).not.toContain(GOOD_PASSWORD);
    const token = tokenIn(mail);
    const stored = await t.server.database.db.selectFrom('email_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const session = await signIn(t, 'open@example.test', GOOD_PASSWORD);
    expect((await session.get('/api/me')).body.user.emailVerified).toBe(false);
    const verified = await anon.post('/api/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ email: 'open@example.test', emailVerified: true });
    expect((await session.get('/api/me')).body.user.emailVerified).toBe(true);
    const again = await anon.post('/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.name).toBe('invalidToken');
    expect((await anon.post('/api/auth/verify-email', { token: 'x'.repeat(43) })).body.error.name).toBe(
      'invalidToken',
    );

    const duplicate = await anon.post('/api/auth/signup', {
      email: 'open@example.test',
      password: GOOD_PASSWORD,
      name: 'Again',
    });
    expect(duplicate.status).toBe(409);
    await setOpenSignup(false);
  });

  it('refuses weak passwords with 400 weakPassword and a reason', async () => {
    await setOpenSignup(true);
    const cases: [string, RegExp][] = [
      ['short pw', /at least 12 characters/],
      ['password1234', /common or breached/],
      ['Qwertyuiop!!', /common or breached/],
      ['!!Sunshine2024!!', /common or breached/],
      ['aaaaaaaaaaaaaaaa', /repeated|common/],
      ['abcabcabcabcabc', /repeated/],
      ['weak.victim@example.test', /email address or name/],
      ['Weakvictim2024', /email address or name/],
      ['Rumpelstiltskin Q', /email address or name/],
    ];
    for (const [password, reason] of cases) {
      const res = await anon.post('/api/auth/signup', {
        email: 'weak.victim@example.test',
        password,
        name: 'Rumpelstiltskin Q',
      });
      expect(res.status, password).toBe(400);
      expect(res.body.error.name, password).toBe('weakPassword');
      expect(res.body.error.message, password).toMatch(reason);
    }
    const ok = await anon.post('/api/auth/signup', {
      email: 'weak.victim@example.test',
      password: 'seven otters hold hands',
      name: 'Rumpelstiltskin Q',
    });
    expect(ok.status).toBe(201);
    await setOpenSignup(false);
  });

  it('rejects malformed sign-up bodies as invalidParams', async () => {
    for (const body of [
      {},
      { email: 'not-an-email', password: GOOD_PASSWORD, name: 'x' },
      { email: 'a@b.test', password: GOOD_PASSWORD, name: '' },
    ]) {
      const res = await anon.post('/api/auth/signup', body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('invalidParams');
    }
    expect(readOutbox(t).every((m) => !m.text.includes(GOOD_PASSWORD))).toBe(true);
  });
});
