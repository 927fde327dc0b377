/**
 * Sign-up: by invitation unless an administrator opened it; the new account gets a verification
 * mail. Email verification consumes a one-time token.
 */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { consumeEmailToken, issueEmailToken } from '../../auth/email-tokens.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { readSettings } from '../admin/settings.ts';
import { assertStrongPassword } from '../password/policy.ts';
import { findUserById, type UserRow } from '../users/repository.ts';
import { createUser } from '../users/service.ts';
import { invitationMatches } from './invitations.ts';

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  invitation?: string | undefined;
}

/**
 * Creates the account and returns it with its email-verification token (for the mail).
 *
 * @example const { user, token } = await signUp(db, auditContext(req), req.body);
 */
export async function signUp(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: SignupInput,
): Promise<{ user: UserRow; token: string }> {
  const email = input.email.trim().toLowerCase();
  const invited = input.invitation ? await invitationMatches(db, input.invitation, email) : false;
  if (!invited && !(await readSettings(db)).openSignup) {
    throw new AppError(
      'signupClosed',
      input.invitation
        ? 'This invitation is not valid for this email address (wrong, expired or used)'
        : 'Sign-up on this server is by invitation: ask a team administrator to invite you',
    );
  }
  // The policy runs before the transaction too, so a weak password costs no database work.
  await assertStrongPassword(input.password, { email, name: input.name });
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, {
      email,
      name: input.name,
      password: input.password,
      isAdmin: false,
      emailVerified: false,
    });
    const token = await issueEmailToken(trx, user.id, 'verify_email');
    await recordAudit(
      trx,
      { ...ctx, actor: { id: user.id, email: user.email, name: user.name } },
      { action: 'user.signup', target: { type: 'user', id: user.id }, data: { invited } },
    );
    return { user, token };
  });
}

/** @example const user = await verifyEmail(db, auditContext(req), req.body.token); */
export async function verifyEmail(db: Kysely<Database>, ctx: AuditContext, token: string): Promise<UserRow> {
  return inTransaction(db, async (trx) => {
    const userId = await consumeEmailToken(trx, token, 'verify_email');
    const user = userId ? await findUserById(trx, userId) : undefined;
    if (!user)
      throw new AppError('invalidToken', 'This verification link is not valid (wrong, expired or used)');
    await trx.updateTable('users').set({ email_verified: 1 }).where('id', '=', user.id).execute();
    await recordAudit(
      trx,
      { ...ctx, actor: { id: user.id, email: user.email, name: user.name } },
      { action: 'user.verify_email', target: { type: 'user', id: user.id } },
    );
    return { ...user, email_verified: 1 };
  });
}
