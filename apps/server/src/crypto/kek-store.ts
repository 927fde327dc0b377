/**
 * What the database holds under the KEK: the check value that recognises it (`meta.kek_check`), the
 * wrapped fingerprint key (`meta.fingerprint_key`) and one wrapped data key per workspace
 * (`workspace_keys`). Wrapping uses the envelope format with AAD naming what is wrapped, so a
 * wrapped key copied to another workspace's row does not unwrap.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type AssociatedData, KEY_BYTES, open, seal } from './envelope.ts';
import type { Kek } from './master-key.ts';

export const KEK_CHECK_META = 'kek_check';
export const FINGERPRINT_KEY_META = 'fingerprint_key';
export const FINGERPRINT_KEY_AAD: AssociatedData = ['fingerprint-key'];

/** The AAD of a workspace's wrapped data key. */
export function dekAad(workspaceId: string): AssociatedData {
  return ['dek', workspaceId];
}

/** @example const wrapped = wrapKey(kek, dekAad('ws-1'), randomBytes(32)); */
export function wrapKey(kek: Kek, aad: AssociatedData, key: Buffer): string {
  return seal(kek.key, aad, key);
}

/** @example const dek = unwrapKey(kek, dekAad('ws-1'), row.wrapped_key); */
export function unwrapKey(kek: Kek, aad: AssociatedData, wrapped: string): Buffer {
  const key = open(kek.key, aad, wrapped);
  if (key.length !== KEY_BYTES) throw new Error(`a wrapped key unwrapped to ${key.length} bytes`);
  return key;
}

export async function readMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * Reads the KEK check value inside a transaction, after taking a write lock on it (a no-op UPDATE:
 * a row lock on PostgreSQL, the database write lock on SQLite). Rotation and data-key creation
 * both start this way, so a data key is never wrapped under a KEK that a concurrent rotation is
 * replacing.
 */
export async function lockKekCheck(trx: Kysely<Database>): Promise<string | undefined> {
  await trx
    .updateTable('meta')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('key', '=', KEK_CHECK_META)
    .execute();
  return readMeta(trx, KEK_CHECK_META);
}

/** Whether any workspace data key exists (then a missing master key must never be replaced). */
export async function hasWrappedKeys(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('workspace_keys').select('workspace_id').limit(1).executeTakeFirst();
  return row !== undefined;
}
