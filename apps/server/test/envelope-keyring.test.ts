import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptError } from '../src/crypto/envelope.ts';
import type { Keyring } from '../src/crypto/keyring.ts';
import { openKeyring } from '../src/crypto/open-keyring.ts';
import { type OpenDatabase, openDatabase } from '../src/db/database.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases.ts';

describe.each(DATABASE_KINDS)('keyring (%s)', (kind) => {
  let database: TestDatabase;
  const opened: OpenDatabase[] = [];
  let keyring: Keyring;

  /** A keyring over its own connection, as another server process on the same database would have. */
  async function anotherProcess(): Promise<Keyring> {
    const db = await openDatabase(database);
    opened.push(db);
    return (await openKeyring({ db: db.db, dataDir: database.dataDir, env: {} })).keyring;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    keyring = await anotherProcess();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await database?.drop();
  });

  const rowsOf = (workspaceId: string) =>
    opened[0]?.db.selectFrom('workspace_keys').selectAll().where('workspace_id', '=', workspaceId).execute();

  it('round-trips values and stores one wrapped data key per workspace', async () => {
    const text = await keyring.encrypt('ws-round', 'env:1:var:token', 'sk_live_4f9a ✓');
    expect(text).toMatch(/^v1\./);
    expect(text).not.toContain('sk_live');
    expect(await keyring.decrypt('ws-round', 'env:1:var:token', text)).toBe('sk_live_4f9a ✓');
    await keyring.encrypt('ws-round', 'env:1:var:other', 'more');
    const rows = await rowsOf('ws-round');
    expect(rows).toHaveLength(1);
    expect(rows?.[0]).toMatchObject({ kek_id: keyring.kekId, rotated_at: null });
    expect(rows?.[0]?.wrapped_key).toMatch(/^v1\./);
  });

  it('binds a ciphertext to its row: swapped between rows or workspaces, it does not decrypt', async () => {
    const a = await keyring.encrypt('ws-a', 'env:7:var:stripeKey', 'value-a');
    const b = await keyring.encrypt('ws-a', 'env:7:var:githubToken', 'value-b');
    await keyring.ensureKey('ws-b');
    await expect(keyring.decrypt('ws-a', 'env:7:var:stripeKey', b)).rejects.toThrow(DecryptError);
    await expect(keyring.decrypt('ws-a', 'env:7:var:githubToken', a)).rejects.toThrow(DecryptError);
    await expect(keyring.decrypt('ws-a', 'env:8:var:stripeKey', a)).rejects.toThrow(
      /copied from another row/,
    );
    await expect(keyring.decrypt('ws-b', 'env:7:var:stripeKey', a)).rejects.toThrow(DecryptError);
    expect(await keyring.decrypt('ws-a', 'env:7:var:stripeKey', a)).toBe('value-a');
  });

  it('refuses a tampered ciphertext and a workspace without a key', async () => {
    const text = await keyring.encrypt('ws-t', 'row', 'untouched');
    const [v, iv, body, tag] = text.split('.') as [string, string, string, string];
    const flipped = `${v}.${iv}.${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}.${tag}`;
    await expect(keyring.decrypt('ws-t', 'row', flipped)).rejects.toThrow(DecryptError);
    await expect(keyring.decrypt('ws-none', 'row', text)).rejects.toThrow(/has no data key/);
    expect(await rowsOf('ws-none')).toHaveLength(0);
  });

  it('lets another process decrypt, and two processes creating one key at once agree on it', async () => {
    const other = await anotherProcess();
    const mine = await keyring.encrypt('ws-shared', 'row', 'from the first');
    expect(await other.decrypt('ws-shared', 'row', mine)).toBe('from the first');
    // Two SQLite connections in one thread cannot interleave transactions (a busy wait blocks the
    // thread), so there the second process comes after the first, as SQLite's write lock orders them.
    const [x, y] =
      kind === 'postgres'
        ? await Promise.all([keyring.encrypt('ws-race', 'row', 'x'), other.encrypt('ws-race', 'row', 'y')])
        : [await keyring.encrypt('ws-race', 'row', 'x'), await other.encrypt('ws-race', 'row', 'y')];
    expect(await other.decrypt('ws-race', 'row', x)).toBe('x');
    expect(await keyring.decrypt('ws-race', 'row', y)).toBe('y');
    expect(await rowsOf('ws-race')).toHaveLength(1);
  });

  it('creates a key inside the caller transaction: rolled back with it, usable once committed', async () => {
    const db = opened[0]?.db;
    if (!db) throw new Error('no database');
    await expect(
      db.transaction().execute(async (trx) => {
        const text = await keyring.encrypt('ws-trx', 'row', 'doomed', trx);
        expect(await keyring.decrypt('ws-trx', 'row', text, trx)).toBe('doomed');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf('ws-trx')).toHaveLength(0);
    const kept = await db.transaction().execute((trx) => keyring.encrypt('ws-trx', 'row', 'kept', trx));
    expect(await rowsOf('ws-trx')).toHaveLength(1);
    expect(await keyring.decrypt('ws-trx', 'row', kept)).toBe('kept');
    expect(await (await anotherProcess()).decrypt('ws-trx', 'row', kept)).toBe('kept');
  });

  it('destroys a workspace key: its values are then unreadable', async () => {
    const text = await keyring.encrypt('ws-gone', 'row', 'shred me');
    await keyring.destroyKey('ws-gone');
    expect(await rowsOf('ws-gone')).toHaveLength(0);
    await expect(keyring.decrypt('ws-gone', 'row', text)).rejects.toThrow(DecryptError);
  });

  it('fingerprints values with a key: stable per scope, different across scopes, value not in it', async () => {
    const fp = keyring.fingerprint('ws-a', 'sk_live_4f9a');
    expect(fp).toMatch(/^fp1:[0-9a-f]{24}$/);
    expect(keyring.fingerprint('ws-a', 'sk_live_4f9a')).toBe(fp);
    expect(keyring.fingerprint('ws-a', 'sk_live_4f9b')).not.toBe(fp);
    expect(keyring.fingerprint('ws-b', 'sk_live_4f9a')).not.toBe(fp);
    expect(keyring.fingerprint('global', 'sk_live_4f9a')).not.toBe(fp);
    expect((await anotherProcess()).fingerprint('ws-a', 'sk_live_4f9a')).toBe(fp);
    const otherDatabase = await createTestDatabase('sqlite');
    try {
      const db = await openDatabase(otherDatabase);
      const elsewhere = (await openKeyring({ db: db.db, dataDir: otherDatabase.dataDir, env: {} })).keyring;
      expect(elsewhere.fingerprint('ws-a', 'sk_live_4f9a')).not.toBe(fp);
      await db.close();
    } finally {
      await otherDatabase.drop();
    }
  });
});
