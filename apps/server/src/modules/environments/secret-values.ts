/**
 * The only way secret-typed environment values reach or leave the database: sealed with the
 * workspace's data key (crypto/keyring.ts, AES-256-GCM envelope encryption) and bound by the
 * associated data `env:<environmentId>:var:<variableId>` to their row, so a ciphertext copied to
 * another variable, environment or workspace does not open.
 */
import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';

/** Which variable a secret belongs to. */
export interface SecretRef {
  workspaceId: string;
  environmentId: string;
  variableId: string;
}

function aad(ref: SecretRef): string {
  return `env:${ref.environmentId}:var:${ref.variableId}`;
}

/**
 * Encrypts a secret value for `value_enc`. Pass the open transaction as `db` when inside one.
 *
 * @example const sealed = await sealSecretValue(keyring, trx, { workspaceId, environmentId, variableId }, 's3cret');
 */
export function sealSecretValue(
  keyring: Keyring,
  db: Kysely<Database> | undefined,
  ref: SecretRef,
  plaintext: string,
): Promise<string> {
  return keyring.encrypt(ref.workspaceId, aad(ref), plaintext, db);
}

/**
 * Decrypts what `sealSecretValue` wrote for the same variable; throws DecryptError otherwise.
 *
 * @example const value = await openSecretValue(keyring, trx, ref, row.value_enc);
 */
export function openSecretValue(
  keyring: Keyring,
  db: Kysely<Database> | undefined,
  ref: SecretRef,
  sealed: string,
): Promise<string> {
  return keyring.decrypt(ref.workspaceId, aad(ref), sealed, db);
}
