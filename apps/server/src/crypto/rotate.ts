/**
 * `postern admin rotate-keys`: re-wraps every workspace data key and the fingerprint key under a new
 * KEK in one transaction. The data keys themselves do not change, so running servers keep using the
 * ones they have unwrapped; a server reading a key wrapped under the new KEK re-reads the key file
 * (or, with POSTERN_MASTER_KEY, asks to be restarted with the new value).
 *
 * With the key file, the new KEK is written to `master.key.new` first and renamed over `master.key`
 * after the commit; a server starting between the two finishes the rename itself.
 */

import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Database } from '../db/schema.ts';
import { keyFilePaths } from './kek-provider.ts';
import {
  dekAad,
  FINGERPRINT_KEY_AAD,
  FINGERPRINT_KEY_META,
  KEK_CHECK_META,
  lockKekCheck,
  readMeta,
  unwrapKey,
  wrapKey,
} from './kek-store.ts';
import {
  generateKek,
  type Kek,
  kekCheckValue,
  kekFrom,
  kekMatches,
  MASTER_KEY_VARIABLE,
  MasterKeyError,
  writeKeyFile,
} from './master-key.ts';
import { openMasterKey } from './open-master-key.ts';

export interface RotateKeysInput {
  db: Kysely<Database>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The new KEK (from `--new-master-key-stdin`); generated when absent (key file only). */
  newKey?: Buffer;
}

export interface RotateKeysResult {
  oldKekId: string;
  newKekId: string;
  /** How many workspace data keys were re-wrapped. */
  rewrapped: number;
  /** Where the current key came from, and so where the new one must go. */
  source: 'env' | 'file';
  /** The key file now holding the new KEK (file source). */
  keyFile?: string;
}

/**
 * @example
 * const result = await rotateKeys({ db, dataDir: '.postern', env: process.env });
 * // { oldKekId: '…', newKekId: '…', rewrapped: 12, source: 'file', keyFile: '.postern/master.key' }
 */
export async function rotateKeys(input: RotateKeysInput): Promise<RotateKeysResult> {
  const { db } = input;
  const { provider } = await openMasterKey({ db, dataDir: input.dataDir, env: input.env, create: false });
  const old = provider.current();
  if (provider.kind === 'env' && !input.newKey) {
    throw new MasterKeyError(
      `the master key comes from ${MASTER_KEY_VARIABLE}: give the new key with --new-master-key-stdin ` +
        '(e.g. `openssl rand -base64 32`), then set it on every server before its next restart',
    );
  }
  const next = input.newKey ? kekFrom(input.newKey) : generateKek();
  if (next.id === old.id) throw new MasterKeyError('the new master key is the one already in use');

  const files = provider.kind === 'file' ? keyFilePaths(input.dataDir) : undefined;
  if (files) writePendingKey(files.next, next);
  let rewrapped: number;
  try {
    rewrapped = await db.transaction().execute(async (trx) => {
      const count = await rewrapAll(trx, old, next);
      await recordAudit(
        trx,
        { userAgent: 'postern admin rotate-keys' },
        { action: 'keys.rotate', data: { rewrapped: count, oldKekId: old.id, newKekId: next.id } },
      );
      return count;
    });
  } catch (error) {
    if (!files || (await settlePendingKey(db, files, next, old, error)) !== 'committed') throw error;
    rewrapped = await countKeysUnder(db, next);
  }
  if (files) installKeyFile(files);
  return {
    oldKekId: old.id,
    newKekId: next.id,
    rewrapped,
    source: provider.kind,
    ...(files ? { keyFile: files.path } : {}),
  };
}

async function rewrapAll(trx: Kysely<Database>, old: Kek, next: Kek): Promise<number> {
  const check = await lockKekCheck(trx);
  if (check === undefined || !kekMatches(old, check)) {
    throw new MasterKeyError('the master key changed while rotating (is another rotate-keys running?)');
  }
  const rows = await trx
    .selectFrom('workspace_keys')
    .select(['workspace_id', 'wrapped_key', 'kek_id'])
    .execute();
  const now = new Date().toISOString();
  for (const row of rows) {
    if (row.kek_id !== old.id) {
      throw new MasterKeyError(
        `the data key of workspace ${row.workspace_id} is wrapped under key ${row.kek_id}, not ${old.id}`,
      );
    }
    const aad = dekAad(row.workspace_id);
    await trx
      .updateTable('workspace_keys')
      .set({
        wrapped_key: wrapKey(next, aad, unwrapKey(old, aad, row.wrapped_key)),
        kek_id: next.id,
        rotated_at: now,
      })
      .where('workspace_id', '=', row.workspace_id)
      .execute();
  }
  const fingerprint = await readMeta(trx, FINGERPRINT_KEY_META);
  if (fingerprint !== undefined) {
    const rewrapped = wrapKey(next, FINGERPRINT_KEY_AAD, unwrapKey(old, FINGERPRINT_KEY_AAD, fingerprint));
    await trx.updateTable('meta').set({ value: rewrapped }).where('key', '=', FINGERPRINT_KEY_META).execute();
  }
  await trx
    .updateTable('meta')
    .set({ value: kekCheckValue(next) })
    .where('key', '=', KEK_CHECK_META)
    .execute();
  return rows.length;
}

/** `master.key.new` doubles as a lock: a second rotation, or the leftover of a crashed one, stops here. */
function writePendingKey(path: string, next: Kek): void {
  try {
    writeKeyFile(path, next.key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new MasterKeyError(
      `${path} exists: another rotate-keys is running, or one was interrupted. If none is running and ` +
        'the server starts with the current key, delete that file and try again.',
    );
  }
}

/**
 * After a failed transaction the new key file is removed only when the database still names the old
 * KEK; if the commit went through after all, the rotation is completed; if the database cannot be
 * asked, the file is kept (deleting it could lose the only copy of the key in use).
 */
async function settlePendingKey(
  db: Kysely<Database>,
  files: { path: string; next: string },
  next: Kek,
  old: Kek,
  error: unknown,
): Promise<'committed' | 'rolled back' | 'unknown'> {
  const check = await readMeta(db, KEK_CHECK_META).catch(() => undefined);
  if (check !== undefined && kekMatches(next, check)) {
    installKeyFile(files);
    return 'committed';
  }
  if (check !== undefined && kekMatches(old, check)) {
    rmSync(files.next, { force: true });
    return 'rolled back';
  }
  if (error instanceof Error) {
    error.message += ` (${files.next} was kept: it may hold the key the database now uses)`;
  }
  return 'unknown';
}

async function countKeysUnder(db: Kysely<Database>, kek: Kek): Promise<number> {
  const rows = await db
    .selectFrom('workspace_keys')
    .select('workspace_id')
    .where('kek_id', '=', kek.id)
    .execute();
  return rows.length;
}

function installKeyFile(files: { path: string; next: string }): void {
  renameSync(files.next, files.path);
  try {
    const dir = openSync(dirname(files.path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Not every platform can fsync a directory; the rename itself is atomic.
  }
}
