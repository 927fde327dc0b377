/**
 * One-time tokens sent by mail (email verification, password reset): random, stored only as their
 * SHA-256 hash, with an expiry, consumed at most once (an atomic update, so two requests racing with
 * the same token cannot both win).
 */
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../crypto/tokens.ts';
import type { Database } from '../db/schema.ts';

export type EmailTokenPurpose = 'verify_email' | 'password_reset';

/** How long each kind of link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 48 * 3600 * 1000,
  password_reset: 60 * 60 * 1000,
};

/**
 * Issues a token for `userId`; earlier unused tokens of the same purpose stop working.
 *
 * @example const token = await issueEmailToken(trx, user.id, 'password_reset'); // put it in a link
 */
export async function issueEmailToken(
  db: Kysely<Database>,
  userId: string,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db
    .deleteFrom('email_tokens')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('email_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      purpose,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + EMAIL_TOKEN_TTL_MS[purpose]).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Marks the token used and returns its user id, or undefined when it is unknown, of another
 * purpose, expired or used already.
 *
 * @example const userId = await consumeEmailToken(trx, body.token, 'verify_email');
 */
export async function consumeEmailToken(
  db: Kysely<Database>,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<string | undefined> {
  const now = new Date().toISOString();
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** The user id of a live token without using it up (to check a new password before the token goes). */
export async function peekEmailToken(
  db: Kysely<Database>,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('email_tokens')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  return row?.user_id;
}
