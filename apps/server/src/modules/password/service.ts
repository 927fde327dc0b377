/**
 * Password reset by mail and password change by the signed-in user. Both re-check the policy,
 * end sessions (all of them after a reset, the others after a change) and are audited.
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import { consumeEmailToken, issueEmailToken, peekEmailToken } from '../../auth/email-tokens.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from '../../auth/login-throttle.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { hashPassword, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail, findUserById, type UserRow } from '../users/repository.ts';
import { assertStrongPassword } from './policy.ts';

const actorOfUser = (u: UserRow) => ({ id: u.id, email: u.email, name: u.name });

/**
 * Issues a reset token when an active account has this email; undefined otherwise (the caller
 * answers the same either way).
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  ctx: AuditContext,
  email: string,
): Promise<{ user: UserRow; token: string } | undefined> {
  const user = await findUserByEmail(db, email.trim());
  if (user?.status !== 'active') return undefined;
  return inTransaction(db, async (trx) => {
    const token = await issueEmailToken(trx, user.id, 'password_reset');
    await recordAudit(
      trx,
      { ...ctx, actor: actorOfUser(user) },
      { action: 'user.password_reset_request', target: { type: 'user', id: user.id } },
    );
    return { user, token };
  });
}

/** Sets a new password from a reset link; every session of the account ends. */
export async function confirmPasswordReset(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { token: string; password: string },
): Promise<UserRow> {
  const invalid = () => new AppError('invalidToken', 'This reset link is not valid (wrong, expired or used)');
  const userId = await peekEmailToken(db, input.token, 'password_reset');
  const user = userId ? await findUserById(db, userId) : undefined;
  if (user?.status !== 'active') throw invalid();
  // A weak password is refused before the token is used up, so the link still works for a better one.
  await assertStrongPassword(input.password, user);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (trx) => {
    if ((await consumeEmailToken(trx, input.token, 'password_reset')) !== user.id) throw invalid();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, email_verified: 1 })
      .where('id', '=', user.id)
      .execute();
    await revokeUserSessions(trx, user.id);
    await recordAudit(
      trx,
      { ...ctx, actor: actorOfUser(user) },
      { action: 'user.password_reset', target: { type: 'user', id: user.id } },
    );
  });
  await clearAccountFailures(db, user.email);
  return { ...user, email_verified: 1 };
}

/**
 * The signed-in user changes their password (the current one is checked, with the sign-in
 * back-off); the user's other sessions end.
 */
export async function changePassword(
  db: Kysely<Database>,
  ctx: AuditContext,
  reply: FastifyReply,
  actor: Actor & { sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = actor.user;
  await assertLoginAllowed(db, { email: user.email, ip: ctx.ip }, reply);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    const { accountFailures } = await recordLoginFailure(db, { email: user.email, ip: ctx.ip });
    await inTransaction(db, (trx) =>
      recordAudit(trx, ctx, {
        action: 'user.password_change',
        outcome: 'failure',
        target: { type: 'user', id: user.id },
        data: { reason: 'wrong_current_password', failures: accountFailures },
      }),
    );
    throw new AppError('wrongPassword', 'The current password is wrong');
  }
  if (input.newPassword === input.currentPassword)
    throw new AppError('weakPassword', 'The new password must differ from the current one');
  await assertStrongPassword(input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await revokeUserSessions(trx, user.id, actor.sessionId);
    await recordAudit(trx, ctx, { action: 'user.password_change', target: { type: 'user', id: user.id } });
  });
}
