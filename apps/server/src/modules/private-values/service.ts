/**
 * Setting and removing a member's private value of an environment variable, each in one
 * transaction with its audit row (the variable's key, never the value).
 */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ElementResource } from '../../policies/authorize.ts';
import { putPrivateValue, removePrivateValue } from './store.ts';

export interface PrivateValueTarget {
  /** The environment as the member sees it (read access checked by the route). */
  access: ElementResource<'environment'>;
  userId: string;
  key: string;
}

async function requireVariable(db: Kysely<Database>, environmentId: string, key: string): Promise<void> {
  const found = await db
    .selectFrom('environment_variables')
    .select('id')
    .where('environment_id', '=', environmentId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!found) throw new AppError('notFound', `The environment has no variable "${key}"`);
}

function auditFields(target: PrivateValueTarget) {
  return {
    teamId: target.access.workspace.teamId,
    workspaceId: target.access.workspace.id,
    target: { type: 'environment', id: target.access.id },
    data: { key: target.key },
  };
}

/**
 * Stores the member's own value for a variable of the environment (replacing theirs, if any).
 *
 * @example await setPrivateValue(db, auditContext(req), keyring, { access, userId, key: 'token' }, 'mine');
 */
export function setPrivateValue(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  target: PrivateValueTarget,
  value: string,
): Promise<{ updatedAt: string }> {
  return inTransaction(db, async (trx) => {
    await requireVariable(trx, target.access.id, target.key);
    const saved = await putPrivateValue(
      keyring,
      trx,
      {
        workspaceId: target.access.workspace.id,
        environmentId: target.access.id,
        userId: target.userId,
        key: target.key,
      },
      value,
    );
    await recordAudit(trx, ctx, { action: 'environment.private_value_set', ...auditFields(target) });
    return saved;
  });
}

/** Removes the member's own value; `notFound` when they had none. */
export function deletePrivateValue(
  db: Kysely<Database>,
  ctx: AuditContext,
  target: PrivateValueTarget,
): Promise<void> {
  return inTransaction(db, async (trx) => {
    const removed = await removePrivateValue(trx, {
      environmentId: target.access.id,
      userId: target.userId,
      key: target.key,
    });
    if (!removed) throw new AppError('notFound', `You have no private value for "${target.key}"`);
    await recordAudit(trx, ctx, { action: 'environment.private_value_delete', ...auditFields(target) });
  });
}
