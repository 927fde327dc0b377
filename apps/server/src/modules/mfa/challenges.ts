/**
 * The second step of a sign-in with MFA: after the password, the client gets a short-lived token
 * (stored as its hash) to present with a code. A challenge allows a few wrong codes, then dies.
 */
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../../crypto/tokens.ts';
import type { Database } from '../../db/schema.ts';

export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MFA_CHALLENGE_ATTEMPTS = 5;

/** @example const mfaToken = await issueMfaChallenge(db, user.id); */
export async function issueMfaChallenge(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('mfa_challenges')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + MFA_CHALLENGE_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** The user id of a live challenge (known, unused, unexpired, attempts left), or undefined. */
export async function liveChallengeUser(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('mfa_challenges')
    .select(['user_id', 'attempts'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  return row && Number(row.attempts) < MFA_CHALLENGE_ATTEMPTS ? row.user_id : undefined;
}

/** Counts a wrong code against the challenge. */
export async function failChallenge(db: Kysely<Database>, token: string): Promise<void> {
  await db
    .updateTable('mfa_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', hashToken(token))
    .execute();
}

/** Uses the challenge up; false when another request already did. */
export async function completeChallenge(db: Kysely<Database>, token: string): Promise<boolean> {
  const result = await db
    .updateTable('mfa_challenges')
    .set({ used_at: new Date().toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
