/** The last step of every sign-in: a new session, its `user.login` audit row, and whether the device is new. */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { createSession, type NewSession } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { UserRow } from '../users/repository.ts';

export interface StartedSession {
  session: NewSession;
  /** True when the user signed in before, but never from this address with this client. */
  newDevice: boolean;
}

/**
 * @example const { session, newDevice } = await startSession(db, auditContext(req), user, { mfa: 'totp' });
 */
export async function startSession(
  db: Kysely<Database>,
  ctx: AuditContext,
  user: UserRow,
  data: Record<string, unknown> = {},
): Promise<StartedSession> {
  const userAgent = ctx.userAgent?.slice(0, 500) ?? null;
  const earlier = await db
    .selectFrom('sessions')
    .select(['ip', 'user_agent'])
    .where('user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const newDevice =
    earlier.length > 0 && !earlier.some((s) => s.ip === (ctx.ip ?? null) && s.user_agent === userAgent);
  const session = await inTransaction(db, async (trx) => {
    const made = await createSession(trx, user.id, ctx);
    await recordAudit(
      trx,
      { ...ctx, actor: { id: user.id, email: user.email, name: user.name } },
      {
        action: 'user.login',
        target: { type: 'user', id: user.id },
        data: { sessionId: made.session.id, newDevice, ...data },
      },
    );
    return made;
  });
  return { session, newDevice };
}
