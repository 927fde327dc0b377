/**
 * Ten single-use recovery codes per user (`xxxx-xxxx-xxxx-xxxx`, 80 random bits each), shown once
 * and stored only as SHA-256 hashes. Using one is an atomic update, so a code works exactly once.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashToken } from '../../crypto/tokens.ts';
import type { Database } from '../../db/schema.ts';

export const RECOVERY_CODE_COUNT = 10;
/** Base32 without look-alikes (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newCode(): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += ALPHABET[randomInt(ALPHABET.length)];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}

/** Case, spaces and dashes do not matter when a code is typed. */
function normalise(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Replaces the user's codes with new ones and returns them (the only time they are seen).
 *
 * @example const codes = await replaceRecoveryCodes(trx, user.id); // ['k3m9-…', …] (10)
 */
export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string): Promise<string[]> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const now = new Date().toISOString();
  await db
    .insertInto('recovery_codes')
    .values(
      codes.map((code) => ({
        id: randomUUID(),
        user_id: userId,
        code_hash: hashToken(normalise(code)),
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

/** Uses one code; true when it was the user's and unused. */
export async function useRecoveryCode(db: Kysely<Database>, userId: string, code: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashToken(normalise(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function remainingRecoveryCodes(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteRecoveryCodes(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}
