/**
 * The startup rules for the master key. A key is generated only for a database that has never had
 * one; a missing or different key stops the server with a message naming both key ids, because
 * starting with another key would leave every stored secret unreadable.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { KEY_BYTES } from './envelope.ts';
import { environmentKekProvider, fileKekProvider, type KekProvider, keyFilePaths } from './kek-provider.ts';
import {
  FINGERPRINT_KEY_AAD,
  FINGERPRINT_KEY_META,
  hasWrappedKeys,
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
  kekIdOfCheck,
  kekMatches,
  MASTER_KEY_VARIABLE,
  MasterKeyError,
  writeKeyFile,
} from './master-key.ts';

export interface OpenMasterKeyInput {
  db: Kysely<Database>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Generate `master.key` when the database has no key yet (the server: yes; admin commands: no). */
  create: boolean;
}

export interface OpenedMasterKey {
  provider: KekProvider;
  /** The instance-wide key behind keyed fingerprints (stable across KEK rotations). */
  fingerprintKey: Buffer;
  /** Set when this start generated the key file (the caller tells the operator to back it up). */
  createdFile?: string;
}

/**
 * Finds the KEK (environment first, then the key file), checks it against the database and returns
 * it; the first start of a database records its check value and fingerprint key.
 *
 * @example
 * const { provider } = await openMasterKey({ db, dataDir, env: process.env, create: true });
 */
export async function openMasterKey(input: OpenMasterKeyInput): Promise<OpenedMasterKey> {
  const { db, dataDir } = input;
  let stored = await readMeta(db, KEK_CHECK_META);
  if (stored === undefined && (await hasWrappedKeys(db))) {
    throw new MasterKeyError(
      'the database holds workspace keys but no master key check value (meta.kek_check was removed); ' +
        'refusing to start',
    );
  }
  const value = input.env[MASTER_KEY_VARIABLE];
  let provider: KekProvider;
  let createdFile: string | undefined;
  if (value) {
    provider = environmentKekProvider(value, MASTER_KEY_VARIABLE);
  } else {
    const { path } = keyFilePaths(dataDir);
    if (!existsSync(path)) {
      if (stored !== undefined) {
        throw new MasterKeyError(
          `no master key: ${MASTER_KEY_VARIABLE} is not set and ${path} does not exist, but this ` +
            `database holds data encrypted under key ${kekIdOfCheck(stored)}; restore the key file ` +
            `(mode 0600) or set ${MASTER_KEY_VARIABLE}. A new key is never generated for such a database.`,
        );
      }
      if (!input.create) {
        throw new MasterKeyError(
          `no master key: ${MASTER_KEY_VARIABLE} is not set and ${path} does not exist`,
        );
      }
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeKeyFile(path, generateKek().key);
      createdFile = path;
    }
    provider = fileKekProvider(dataDir);
  }

  if (stored === undefined) {
    if (!input.create) throw new MasterKeyError('this database has no master key yet: start the server once');
    await recordMasterKey(db, provider.current());
    stored = await readMeta(db, KEK_CHECK_META);
  }
  if (stored === undefined || (!kekMatches(provider.current(), stored) && !provider.recover(stored))) {
    throw new MasterKeyError(
      `the master key does not match this database (key ${provider.current().id} from ${provider.source}; ` +
        `the database expects key ${kekIdOfCheck(stored ?? '')}). Start with the key this database uses ` +
        `(after \`postern admin rotate-keys\`, the new one); the server does not start with any other.`,
    );
  }
  const fingerprintKey = await readFingerprintKey(db, provider.current());
  return { provider, fingerprintKey, ...(createdFile ? { createdFile } : {}) };
}

/**
 * First start: stores the check value and a wrapped fingerprint key. Two servers starting at once
 * on one database both try; the second insert is ignored and its key is then checked like any other.
 */
async function recordMasterKey(db: Kysely<Database>, kek: Kek): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await lockKekCheck(trx)) !== undefined) return;
    await trx
      .insertInto('meta')
      .values([
        { key: KEK_CHECK_META, value: kekCheckValue(kek) },
        { key: FINGERPRINT_KEY_META, value: wrapKey(kek, FINGERPRINT_KEY_AAD, randomBytes(KEY_BYTES)) },
      ])
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  });
}

async function readFingerprintKey(db: Kysely<Database>, kek: Kek): Promise<Buffer> {
  const wrapped = await readMeta(db, FINGERPRINT_KEY_META);
  if (wrapped === undefined)
    throw new MasterKeyError('the database has no fingerprint key (meta.fingerprint_key)');
  return unwrapKey(kek, FINGERPRINT_KEY_AAD, wrapped);
}
