/**
 * Suspending an account stops it at once: status `suspended` (no sign-in), every session and API
 * key revoked in the same transaction as the audit row. Lifting a suspension lets the user sign in
 * again; revoked keys stay revoked.
 */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { revokeUserApiKeys } from '../../auth/api-keys.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { findUserById, type UserRow } from '../users/repository.ts';

/**
 * @example const user = await setSuspended(db, auditContext(req), actor.user.id, targetId, true);
 */
export async function setSuspended(
  db: Kysely<Database>,
  ctx: AuditContext,
  adminId: string,
  userId: string,
  suspended: boolean,
): Promise<UserRow> {
  if (suspended && userId === adminId)
    throw new AppError('conflict', 'You cannot suspend your own account; ask another administrator');
  return inTransaction(db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError('notFound', 'No such user');
    const status = suspended ? 'suspended' : 'active';
    await trx.updateTable('users').set({ status }).where('id', '=', user.id).execute();
    if (suspended) {
      await revokeUserSessions(trx, user.id);
      await revokeUserApiKeys(trx, user.id);
    }
    await recordAudit(trx, ctx, {
      action: suspended ? 'user.suspend' : 'user.unsuspend',
      target: { type: 'user', id: user.id },
      data: { email: user.email, previousStatus: user.status },
    });
    return { ...user, status };
  });
}
