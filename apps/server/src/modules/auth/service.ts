/**
 * Password sign-in with back-off (auth/login-throttle.ts) and, for accounts with MFA, a second step
 * (mfa-login.ts). Every failure is audited as `user.login_failed` with its reason and the count.
 */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { clearAccountFailures, recordLoginFailure } from '../../auth/login-throttle.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { issueMfaChallenge } from '../mfa/challenges.ts';
import { hashPassword, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail, type UserRow } from '../users/repository.ts';
import { type StartedSession, startSession } from './start-session.ts';

/** A real argon2id hash to verify against when the email is unknown, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hashPassword('postern-timing-equaliser');
  return dummyHash;
};

export type LoginResult =
  | ({ kind: 'signedIn'; user: UserRow } & StartedSession)
  | { kind: 'mfaRequired'; user: UserRow; mfaToken: string };

/** Counts a failed attempt and writes its audit row; returns the error to answer with. */
export async function failLogin(
  db: Kysely<Database>,
  ctx: AuditContext,
  email: string,
  user: UserRow | undefined,
  reason: string,
  action: 'user.login_failed' | 'user.mfa_failed' = 'user.login_failed',
): Promise<AppError> {
  const { accountFailures, blockedForMs } = await recordLoginFailure(db, { email, ip: ctx.ip });
  await inTransaction(db, (trx) =>
    recordAudit(
      trx,
      { ...ctx, actor: user ? { id: user.id, email: user.email, name: user.name } : null },
      {
        action,
        outcome: 'failure',
        target: user ? { type: 'user', id: user.id } : null,
        data: {
          reason,
          failures: accountFailures,
          ...(blockedForMs > 0 ? { blockedForSeconds: Math.ceil(blockedForMs / 1000) } : {}),
        },
      },
    ),
  );
  return action === 'user.mfa_failed'
    ? new AppError('unauthenticated', 'Wrong code')
    : new AppError('unauthenticated', 'Wrong email or password');
}

/**
 * The first (or only) step of signing in. The caller checks the back-off first.
 *
 * @example const result = await login(db, auditContext(req), { email, password });
 */
export async function login(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { email: string; password: string },
): Promise<LoginResult> {
  const email = input.email.trim();
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummy()), input.password);
  if (!user || !ok || user.status !== 'active') {
    throw await failLogin(
      db,
      ctx,
      email,
      user,
      !user ? 'unknown_email' : !ok ? 'wrong_password' : 'suspended',
    );
  }
  // With MFA the counter is cleared only once the second step passes, so wrong codes add up too.
  if (user.totp_enabled_at)
    return { kind: 'mfaRequired', user, mfaToken: await issueMfaChallenge(db, user.id) };
  await clearAccountFailures(db, email);
  return { kind: 'signedIn', user, ...(await startSession(db, ctx, user)) };
}
