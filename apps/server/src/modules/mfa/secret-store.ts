/**
 * TOTP secrets at rest: sealed by the server keyring (envelope encryption, crypto/keyring.ts) under
 * one identity data key, bound to the user's id, so a secret copied to another row does not open.
 */
import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';

/** The keyring scope of identity secrets (not a workspace: no workspace id has this form). */
export const IDENTITY_KEY_SCOPE = 'server:identity';

const aad = (userId: string) => `user:${userId}:totp`;

/** @example const enc = await sealTotpSecret(keyring, user.id, secret, trx); */
export function sealTotpSecret(
  keyring: Keyring,
  userId: string,
  secret: string,
  db?: Kysely<Database>,
): Promise<string> {
  return keyring.encrypt(IDENTITY_KEY_SCOPE, aad(userId), secret, db);
}

/** @example const secret = await openTotpSecret(keyring, user.id, user.totp_secret_enc); */
export function openTotpSecret(
  keyring: Keyring,
  userId: string,
  sealed: string,
  db?: Kysely<Database>,
): Promise<string> {
  return keyring.decrypt(IDENTITY_KEY_SCOPE, aad(userId), sealed, db);
}
