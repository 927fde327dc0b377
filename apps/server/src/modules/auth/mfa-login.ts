/**
 * The second step of signing in with MFA: the challenge token from the first step plus a TOTP code
 * (each accepted once) or a recovery code (each usable once). Wrong codes count towards the
 * account's back-off and the challenge's own attempt limit, and are audited as `user.mfa_failed`.
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../audit/record.ts';
import { assertLoginAllowed, clearAccountFailures } from '../../auth/login-throttle.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { completeChallenge, failChallenge, liveChallengeUser } from '../mfa/challenges.ts';
import { remainingRecoveryCodes, useRecoveryCode } from '../mfa/recovery-codes.ts';
import { acceptTotpCode } from '../mfa/verify-totp.ts';
import { findUserById, type UserRow } from '../users/repository.ts';
import { failLogin } from './service.ts';
import { type StartedSession, startSession } from './start-session.ts';

export type MfaProof = { code: string } | { recoveryCode: string };

export interface MfaLoginResult extends StartedSession {
  user: UserRow;
  /** Set when a recovery code was used: how many are left. */
  recoveryCodesLeft?: number;
}

/**
 * @example const result = await completeMfaLogin(db, keyring, auditContext(req), reply, req.body);
 */
export async function completeMfaLogin(
  db: Kysely<Database>,
  keyring: Keyring,
  ctx: AuditContext,
  reply: FastifyReply,
  input: { mfaToken: string } & MfaProof,
): Promise<MfaLoginResult> {
  const userId = await liveChallengeUser(db, input.mfaToken);
  const user = userId ? await findUserById(db, userId) : undefined;
  if (user?.status !== 'active' || !user.totp_enabled_at)
    throw new AppError('unauthenticated', 'This sign-in step has expired or is not valid; sign in again');
  await assertLoginAllowed(db, { email: user.email, ip: ctx.ip }, reply);
  const method = 'code' in input ? 'totp' : 'recovery_code';
  const ok =
    'code' in input
      ? await acceptTotpCode(db, keyring, user, input.code)
      : await useRecoveryCode(db, user.id, input.recoveryCode);
  if (!ok) {
    await failChallenge(db, input.mfaToken);
    throw await failLogin(db, ctx, user.email, user, `wrong_${method}`, 'user.mfa_failed');
  }
  if (!(await completeChallenge(db, input.mfaToken)))
    throw new AppError('unauthenticated', 'This sign-in step was already used; sign in again');
  await clearAccountFailures(db, user.email);
  const started = await startSession(db, ctx, user, { mfa: method });
  return {
    user,
    ...started,
    ...(method === 'recovery_code' ? { recoveryCodesLeft: await remainingRecoveryCodes(db, user.id) } : {}),
  };
}
