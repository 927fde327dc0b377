/**
 * Per-user private values of environment variables, at rest: sealed with the environment's
 * workspace key, the associated data naming the environment, the variable key and the user, so a
 * value copied to another user's row, another variable or another environment does not open.
 * Nothing else reads or writes `environment_private_values`.
 */
import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';

/** Whose value of which variable. */
export interface PrivateValueRef {
  workspaceId: string;
  environmentId: string;
  userId: string;
  key: string;
}

/** JSON keeps the parts apart whatever characters a key holds. */
function aad(ref: PrivateValueRef): string {
  return `private-value:${JSON.stringify([ref.environmentId, ref.key, ref.userId])}`;
}

/**
 * Stores (or replaces) the user's value, sealed. Pass the open transaction as `db`.
 *
 * @example await putPrivateValue(keyring, trx, { workspaceId, environmentId, userId, key: 'token' }, 'mine');
 */
export async function putPrivateValue(
  keyring: Keyring,
  db: Kysely<Database>,
  ref: PrivateValueRef,
  value: string,
): Promise<{ updatedAt: string }> {
  const valueEnc = await keyring.encrypt(ref.workspaceId, aad(ref), value, db);
  const now = new Date().toISOString();
  await db
    .insertInto('environment_private_values')
    .values({
      environment_id: ref.environmentId,
      user_id: ref.userId,
      key: ref.key,
      value_enc: valueEnc,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['environment_id', 'user_id', 'key']).doUpdateSet({ value_enc: valueEnc, updated_at: now }),
    )
    .execute();
  return { updatedAt: now };
}

/** Deletes the user's value; false when there was none. */
export async function removePrivateValue(
  db: Kysely<Database>,
  ref: Omit<PrivateValueRef, 'workspaceId'>,
): Promise<boolean> {
  const result = await db
    .deleteFrom('environment_private_values')
    .where('environment_id', '=', ref.environmentId)
    .where('user_id', '=', ref.userId)
    .where('key', '=', ref.key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One stored value of the user, still sealed. */
export interface SealedPrivateValue {
  key: string;
  valueEnc: string;
  updatedAt: string;
}

/** The user's values in one environment (sealed), by key order; `key` narrows to one. */
export async function listPrivateValues(
  db: Kysely<Database>,
  input: { environmentId: string; userId: string; key?: string },
): Promise<SealedPrivateValue[]> {
  let query = db
    .selectFrom('environment_private_values')
    .select(['key', 'value_enc', 'updated_at'])
    .where('environment_id', '=', input.environmentId)
    .where('user_id', '=', input.userId)
    .orderBy('key');
  if (input.key !== undefined) query = query.where('key', '=', input.key);
  const rows = await query.execute();
  return rows.map((r) => ({ key: r.key, valueEnc: r.value_enc, updatedAt: r.updated_at }));
}

/**
 * Opens the user's values of one environment: key → value in clear (for their runs and their own
 * `?reveal=true`; never for anyone else).
 *
 * @example const mine = await openPrivateValues(keyring, db, { workspaceId, environmentId, userId });
 */
export async function openPrivateValues(
  keyring: Keyring,
  db: Kysely<Database>,
  input: Omit<PrivateValueRef, 'key'>,
  sealed?: readonly SealedPrivateValue[],
): Promise<Map<string, string>> {
  const rows = sealed ?? (await listPrivateValues(db, input));
  const out = new Map<string, string>();
  for (const row of rows) {
    out.set(
      row.key,
      await keyring.decrypt(input.workspaceId, aad({ ...input, key: row.key }), row.valueEnc, db),
    );
  }
  return out;
}
