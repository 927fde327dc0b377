/** Password sign-in and sign-out, each audited (failed attempts too). */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { createSession, type NewSession } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { hashPassword, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail, type UserRow } from '../users/repository.ts';

/** A real argon2id hash to verify against when the email is unknown, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hashPassword('postern-timing-equaliser');
  return dummyHash;
};

export interface LoginResult {
  user: UserRow;
  session: NewSession;
}

export async function login(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { email: string; password: string },
): Promise<LoginResult> {
  const user = await findUserByEmail(db, input.email.trim());
  const ok = await verifyPassword(user?.password_hash ?? (await dummy()), input.password);
  if (!user || !ok || user.status !== 'active') {
    await inTransaction(db, (trx) =>
      recordAudit(
        trx,
        { ...ctx, actor: user ? { id: user.id, email: user.email, name: user.name } : null },
        {
          action: 'user.login_failed',
          outcome: 'failure',
          target: user ? { type: 'user', id: user.id } : null,
          data: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'suspended' },
        },
      ),
    );
    throw new AppError('unauthenticated', 'Wrong email or password');
  }
  return inTransaction(db, async (trx) => {
    const session = await createSession(trx, user.id, ctx);
    await recordAudit(
      trx,
      { ...ctx, actor: { id: user.id, email: user.email, name: user.name } },
      {
        action: 'user.login',
        target: { type: 'user', id: user.id },
        data: { sessionId: session.session.id },
      },
    );
    return { user, session };
  });
}
