/**
 * TOTP two-factor authentication as a user meets it: enrol, confirm, sign in in two steps, use
 * recovery codes, turn it off; and the attacks: replayed codes, reused recovery codes, guessing on
 * one challenge, API keys changing MFA. Plus the team policy "require 2FA".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MfaRequiredLookup, setMfaRequiredLookup } from '../src/auth/mfa-policy.ts';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  newMember,
  readOutbox,
  sessionFrom,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  TestClient,
  type TestServer,
  totpCode,
  waitForMail,
} from './helpers.ts';

describe.each(DATABASE_KINDS)('TOTP two-factor authentication (%s)', (kind) => {
  let t: TestServer;
  let anon: TestClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    anon = new TestClient(t.url);
  });
  afterAll(async () => {
    await t?.close();
  });
  // The lookup the server registered at start (the teams module's, when it is installed).
  let registered: MfaRequiredLookup | undefined;
  beforeEach(() => {
    registered = setMfaRequiredLookup(undefined);
    setMfaRequiredLookup(registered);
  });
  afterEach(() => {
    setMfaRequiredLookup(registered);
  });

  /** A signed-in user with TOTP on: the secret, the code used to confirm, the recovery codes. */
  async function enrolled() {
    const user = await makeUser(t);
    const session = await signIn(t, user.email);
    const started = await session.post('/api/me/mfa/totp');
    const secret: string = started.body.secret;
    const confirmCode = await totpCode(secret);
    const confirmed = await session.post('/api/me/mfa/totp/confirm', { code: confirmCode });
    expect(confirmed.status).toBe(200);
    return { ...user, session, secret, confirmCode, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  const passwordStep = async (email: string) => {
    const res = await anon.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(res.headers.getSetCookie()).toEqual([]);
    return res.body.mfaToken as string;
  };

  it('enrols: a pending secret, then a confirmed code turns MFA on with 10 recovery codes', async () => {
    const user = await makeUser(t);
    const session = await signIn(t, user.email);
    const started = await session.post('/api/me/mfa/totp');
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Postern:.+secret=[A-Z2-7]+.*issuer=Postern/);
    // Not active until confirmed: sign-in still needs only the password.
    expect((await session.get('/api/me')).body.user.mfaEnabled).toBe(false);
    expect((await signIn(t, user.email)).auth.cookie).toBeTruthy();

    const wrong = await session.post('/api/me/mfa/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.name).toBe('invalidCode');
    const confirmed = await session.post('/api/me/mfa/totp/confirm', {
      code: await totpCode(started.body.secret),
    });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(codes.every((c) => /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/.test(c))).toBe(true);
    expect((await session.get('/api/me')).body.user.mfaEnabled).toBe(true);

    // At rest: the secret is sealed, the codes hashed.
    const db = t.server.database.db;
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    const stored = JSON.stringify([
      row,
      await db.selectFrom('recovery_codes').selectAll().where('user_id', '=', user.id).execute(),
    ]);
    expect(stored).not.toContain(started.body.secret);
    for (const code of codes) expect(stored).not.toContain(code);

    const again = await session.post('/api/me/mfa/totp');
    expect(again.status).toBe(409);
    const mail = await waitForMail(t, user.email, /Two-factor authentication is on/);
    expect(mail.text).not.toContain(started.body.secret);
    const audit = await db
      .selectFrom('audit_logs')
      .select('action')
      .where('target_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.mfa_setup', 'user.mfa_failed', 'user.mfa_enabled']),
    );
  });

  it('signs in in two steps and never accepts the same code twice', async () => {
    const user = await enrolled();
    // The code that confirmed enrolment was used: replaying it fails.
    const token1 = await passwordStep(user.email);
    const replay = await anon.post('/api/auth/login/mfa', { mfaToken: token1, code: user.confirmCode });
    expect(replay.status).toBe(401);
    expect(replay.body.error.name).toBe('unauthenticated');

    const next = await totpCode(user.secret, 30);
    const ok = await anon.post('/api/auth/login/mfa', { mfaToken: token1, code: next });
    expect(ok.status).toBe(200);
    const session = sessionFrom(t, ok, user.email);
    expect((await session.get('/api/me')).body.user).toMatchObject({ id: user.id, mfaEnabled: true });
    // The challenge is used up, and the code cannot serve a second sign-in.
    expect((await anon.post('/api/auth/login/mfa', { mfaToken: token1, code: next })).status).toBe(401);
    const token2 = await passwordStep(user.email);
    expect((await anon.post('/api/auth/login/mfa', { mfaToken: token2, code: next })).status).toBe(401);

    const failed = await t.server.database.db
      .selectFrom('audit_logs')
      .select('data')
      .where('action', '=', 'user.mfa_failed')
      .where('target_id', '=', user.id)
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(2);
    const login = await t.server.database.db
      .selectFrom('audit_logs')
      .select('data')
      .where('action', '=', 'user.login')
      .where('target_id', '=', user.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(login.data)).toMatchObject({ mfa: 'totp' });
  });

  it('accepts each recovery code once, in any case and spacing, and mails the count left', async () => {
    const user = await enrolled();
    const code = user.recoveryCodes[3]!;
    const typed = ` ${code.toUpperCase().replace(/-/g, ' ')} `;
    const ok = await anon.post('/api/auth/login/mfa', {
      mfaToken: await passwordStep(user.email),
      recoveryCode: typed,
    });
    expect(ok.status).toBe(200);
    const reused = await anon.post('/api/auth/login/mfa', {
      mfaToken: await passwordStep(user.email),
      recoveryCode: code,
    });
    expect(reused.status).toBe(401);
    const mail = await waitForMail(t, user.email, /recovery code was used/);
    expect(mail.text).toContain('9 unused code(s) remain');
    for (const c of user.recoveryCodes) expect(mail.text).not.toContain(c);
  });

  it('kills a challenge after 5 wrong codes, and counts them towards the account back-off', async () => {
    const user = await enrolled();
    const token = await passwordStep(user.email);
    for (let i = 0; i < 5; i++) {
      const res = await anon.post('/api/auth/login/mfa', { mfaToken: token, code: String(100000 + i) });
      expect([401, 429]).toContain(res.status);
    }
    const good = await anon.post('/api/auth/login/mfa', {
      mfaToken: token,
      code: await totpCode(user.secret, 30),
    });
    expect(good.status).toBe(401);
    // Five wrong codes blocked the account for a while, even with the right password.
    const blocked = await anon.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
  });

  it('turns MFA off with a current code or the password, never from an API key', async () => {
    const user = await enrolled();
    const member = await newMember(t);
    expect((await member.key.post('/api/me/mfa/totp')).status).toBe(403);
    const keyOfUser = await user.session.post('/api/me/api-keys', { name: 'k' });
    const key = new TestClient(t.url, { apiKey: keyOfUser.body.apiKey.key });
    expect((await key.delete('/api/me/mfa/totp', { password: TEST_PASSWORD })).status).toBe(403);

    const wrong = await user.session.delete('/api/me/mfa/totp', { password: 'not my password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.name).toBe('wrongPassword');
    const replayed = await user.session.delete('/api/me/mfa/totp', { code: user.confirmCode });
    expect(replayed.body.error.name).toBe('invalidCode');
    expect((await user.session.delete('/api/me/mfa/totp', {})).status).toBe(400);
    const off = await user.session.delete('/api/me/mfa/totp', { code: await totpCode(user.secret, 30) });
    expect(off.status).toBe(204);
    expect((await user.session.get('/api/me')).body.user.mfaEnabled).toBe(false);
    expect((await signIn(t, user.email)).auth.cookie).toBeTruthy();
    await waitForMail(t, user.email, /Two-factor authentication is off/);
    const rows = await t.server.database.db
      .selectFrom('recovery_codes')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([]);

    // And on again with the password route for turning off.
    const again = await enrolled();
    expect((await again.session.delete('/api/me/mfa/totp', { password: TEST_PASSWORD })).status).toBe(204);
  });

  it('holds users of a team that requires 2FA at enrolment until they turn it on', async () => {
    const member = await newMember(t);
    const other = await newMember(t);
    let lookups = 0;
    setMfaRequiredLookup(async (_db, userId) => {
      lookups++;
      return userId === member.id;
    });
    const held = await member.session.get('/api/me/api-keys');
    expect(held.status).toBe(403);
    expect(held.body.error.name).toBe('mfaEnrollmentRequired');
    expect((await member.key.get('/api/me/sessions')).body.error.name).toBe('mfaEnrollmentRequired');
    expect((await other.session.get('/api/me/api-keys')).status).toBe(200);
    expect((await member.session.get('/api/me')).status).toBe(200);

    const started = await member.session.post('/api/me/mfa/totp');
    expect(started.status).toBe(200);
    expect(
      (await member.session.post('/api/me/mfa/totp/confirm', { code: await totpCode(started.body.secret) }))
        .status,
    ).toBe(200);
    const before = lookups;
    expect((await member.session.get('/api/me/api-keys')).status).toBe(200);
    // Users with MFA cost no lookup.
    expect(lookups).toBe(before);
    expect((await member.session.post('/api/auth/logout')).status).toBe(204);
  });

  it('puts no secret in any mail it sent', async () => {
    const user = await enrolled();
    const secrets = [TEST_PASSWORD, user.secret, ...user.recoveryCodes];
    const made = await user.session.post('/api/me/api-keys', { name: 'ci key' });
    secrets.push(made.body.apiKey.key);
    const mail = await waitForMail(t, user.email, /new Postern API key/);
    expect(mail.text).toContain('ci key');
    const mails = readOutbox(t);
    expect(mails.length).toBeGreaterThan(5);
    for (const m of mails) for (const s of secrets) expect(m.raw).not.toContain(s);
  });
});
