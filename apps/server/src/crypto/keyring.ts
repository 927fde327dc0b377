/**
 * Envelope encryption for the server: each workspace has a data key (DEK) stored wrapped by the KEK
 * in `workspace_keys`; values are encrypted under their workspace's DEK with AAD naming their row.
 * Unwrapped DEKs live only in this process's memory. Keyed fingerprints (HMAC) let logs and audit
 * records say "the same secret" without holding it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DecryptError, KEY_BYTES, open, seal } from './envelope.ts';
import type { KekProvider } from './kek-provider.ts';
import { dekAad, lockKekCheck, unwrapKey, wrapKey } from './kek-store.ts';
import { type Kek, kekIdOfCheck, MasterKeyError } from './master-key.ts';

/** The scope of instance-wide fingerprints (not tied to a workspace). */
export const GLOBAL_SCOPE = 'global';

export interface Keyring {
  /** The id of the KEK in use (changes when the server follows a rotation). */
  readonly kekId: string;
  /**
   * Encrypts a value of `workspaceId`, bound to `aad` (name the row, e.g. `env:<id>:var:<key>`);
   * creates the workspace's data key on first use. Pass the caller's transaction as `db` when
   * inside one (on SQLite the keyring would otherwise wait for the connection that transaction holds).
   */
  encrypt(workspaceId: string, aad: string, plaintext: string, db?: Kysely<Database>): Promise<string>;
  /** Decrypts what `encrypt` wrote for the same workspace and AAD; throws DecryptError otherwise. */
  decrypt(workspaceId: string, aad: string, ciphertext: string, db?: Kysely<Database>): Promise<string>;
  /** Creates the workspace's data key now (e.g. in the transaction that creates the workspace). */
  ensureKey(workspaceId: string, db?: Kysely<Database>): Promise<void>;
  /** Deletes the workspace's data key: every value encrypted under it becomes unreadable. */
  destroyKey(workspaceId: string, db?: Kysely<Database>): Promise<void>;
  /**
   * A keyed fingerprint of `value` (`fp1:` + 24 hex digits), per workspace or `GLOBAL_SCOPE`: equal
   * values give equal fingerprints within a scope, and nothing about the value is learnt without
   * the key. Stable across KEK rotations.
   */
  fingerprint(scope: string, value: string): string;
}

export interface KeyringInput {
  db: Kysely<Database>;
  kek: KekProvider;
  fingerprintKey: Buffer;
}

/**
 * @example
 * const keyring = createKeyring({ db, kek: opened.provider, fingerprintKey: opened.fingerprintKey });
 * const stored = await keyring.encrypt(ws.id, `env:${env.id}:var:apiKey`, 's3cret');
 * await keyring.decrypt(ws.id, `env:${env.id}:var:apiKey`, stored); // 's3cret'
 */
export function createKeyring(input: KeyringInput): Keyring {
  const { db, kek: provider } = input;
  /** DEKs from committed rows; a DEK read or made inside a caller's transaction is not cached. */
  const cache = new Map<string, Buffer>();
  const loading = new Map<string, Promise<Buffer>>();

  /** The KEK with this id: the current one, or the one a rotation by another process installed. */
  const kekWithId = (id: string, what: string): Kek => {
    const current = provider.current();
    if (current.id === id) return current;
    const found = provider.reload(id);
    if (found) return found;
    throw new MasterKeyError(
      `${what} uses master key ${id}, but this server holds key ${current.id} from ` +
        `${provider.source}` +
        (provider.kind === 'env'
          ? `: the keys were rotated; restart the server with the new ${provider.source}`
          : ''),
    );
  };

  const readDek = async (trx: Kysely<Database>, workspaceId: string): Promise<Buffer | undefined> => {
    const row = await trx
      .selectFrom('workspace_keys')
      .select(['wrapped_key', 'kek_id'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!row) return undefined;
    const kek = kekWithId(row.kek_id, `the data key of workspace ${workspaceId}`);
    return unwrapKey(kek, dekAad(workspaceId), row.wrapped_key);
  };

  /** Inserts a new DEK under the KEK the database currently names (locked against rotation). */
  const createDek = async (trx: Kysely<Database>, workspaceId: string): Promise<Buffer> => {
    const check = await lockKekCheck(trx);
    if (check === undefined) throw new MasterKeyError('the database has no master key check value');
    const kek = kekWithId(kekIdOfCheck(check), 'the database');
    const dek = randomBytes(KEY_BYTES);
    const now = new Date().toISOString();
    await trx
      .insertInto('workspace_keys')
      .values({
        workspace_id: workspaceId,
        wrapped_key: wrapKey(kek, dekAad(workspaceId), dek),
        kek_id: kek.id,
        created_at: now,
        rotated_at: null,
      })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
    // Another server may have created it first: the stored key is the one that counts.
    const stored = await readDek(trx, workspaceId);
    if (!stored) throw new Error(`could not store the data key of workspace ${workspaceId}`);
    return stored;
  };

  const dekFor = async (
    workspaceId: string,
    executor: Kysely<Database> | undefined,
    create: boolean,
  ): Promise<Buffer> => {
    const cached = cache.get(workspaceId);
    if (cached) return cached;
    if (executor?.isTransaction) {
      const found = await readDek(executor, workspaceId);
      if (found) return found;
      if (!create) throw missingKey(workspaceId);
      return createDek(executor, workspaceId);
    }
    let pending = loading.get(workspaceId);
    if (!pending) {
      pending = (async () => {
        const found = await readDek(db, workspaceId);
        if (found) return found;
        if (!create) throw missingKey(workspaceId);
        return db.transaction().execute((trx) => createDek(trx, workspaceId));
      })();
      loading.set(workspaceId, pending);
    }
    try {
      const dek = await pending;
      cache.set(workspaceId, dek);
      return dek;
    } finally {
      loading.delete(workspaceId);
    }
  };

  const valueAad = (workspaceId: string, aad: string) => ['value', workspaceId, aad];

  return {
    get kekId() {
      return provider.current().id;
    },
    async encrypt(workspaceId, aad, plaintext, executor) {
      const dek = await dekFor(workspaceId, executor, true);
      return seal(dek, valueAad(workspaceId, aad), Buffer.from(plaintext, 'utf8'));
    },
    async decrypt(workspaceId, aad, ciphertext, executor) {
      const dek = await dekFor(workspaceId, executor, false);
      return open(dek, valueAad(workspaceId, aad), ciphertext).toString('utf8');
    },
    async ensureKey(workspaceId, executor) {
      await dekFor(workspaceId, executor, true);
    },
    async destroyKey(workspaceId, executor) {
      cache.delete(workspaceId);
      await (executor ?? db).deleteFrom('workspace_keys').where('workspace_id', '=', workspaceId).execute();
    },
    fingerprint(scope, value) {
      const scoped = createHmac('sha256', input.fingerprintKey).update(`scope:${scope}`).digest();
      return `fp1:${createHmac('sha256', scoped).update(value, 'utf8').digest('hex').slice(0, 24)}`;
    },
  };
}

function missingKey(workspaceId: string): Error {
  return new DecryptError(`workspace ${workspaceId} has no data key, so nothing of it can be decrypted`);
}
