/**
 * Checks a user's TOTP code and records its time step in the same statement that checks no later
 * step was used, so a code is accepted once even when two servers see it at the same moment.
 */
import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import type { UserRow } from '../users/repository.ts';
import { openTotpSecret } from './secret-store.ts';
import { matchTotp } from './totp.ts';

/**
 * True when `code` is the user's current code and was not used before. Works on the pending secret
 * too (enrolment confirms with it).
 *
 * @example if (!(await acceptTotpCode(db, keyring, user, body.code))) throw new AppError('invalidCode', …);
 */
export async function acceptTotpCode(
  db: Kysely<Database>,
  keyring: Keyring,
  user: Pick<UserRow, 'id' | 'totp_secret_enc'>,
  code: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select(['totp_secret_enc', 'totp_last_step'])
    .where('id', '=', user.id)
    .executeTakeFirst();
  if (!row?.totp_secret_enc) return false;
  const secret = await openTotpSecret(keyring, user.id, row.totp_secret_enc, db);
  const lastStep = row.totp_last_step === null ? null : Number(row.totp_last_step);
  const step = await matchTotp(secret, code, lastStep);
  if (step === undefined) return false;
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
