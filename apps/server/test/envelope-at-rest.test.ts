import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dekAad, unwrapKey } from '../src/crypto/kek-store.ts';
import { kekFrom, readKeyFile } from '../src/crypto/master-key.ts';
import { type RunningServer, startServer } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

const PLANTED = `planted-secret-${Math.random().toString(36).slice(2)}-value`;

/** The SQLite database as it lies on disk: main file, write-ahead log, shared-memory index. */
function databaseBytes(dataDir: string): Buffer {
  const files = ['postern.db', 'postern.db-wal', 'postern.db-shm'].map((f) => join(dataDir, f));
  return Buffer.concat(files.filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe('secrets at rest (SQLite file and WAL)', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let ciphertext: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startServer({ version: 't', port: 0, dataDir: database.dataDir, env: {}, log: () => {} });
    ciphertext = await server.keyring.encrypt('ws-1', 'env:1:var:planted', PLANTED);
    // Stored where any row could be: the test only needs it written through the same database.
    await server.database.db.insertInto('meta').values({ key: 'test:planted', value: ciphertext }).execute();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('writes the ciphertext, never the plaintext, to the database file and WAL', () => {
    const bytes = databaseBytes(database.dataDir);
    expect(existsSync(join(database.dataDir, 'postern.db-wal'))).toBe(true);
    // The search can see what was written (so "not found" below means something)…
    expect(bytes.includes(ciphertext)).toBe(true);
    // …and the planted value is not there, in UTF-8 or UTF-16.
    expect(bytes.includes(PLANTED)).toBe(false);
    expect(bytes.includes(Buffer.from(PLANTED, 'utf16le'))).toBe(false);
  });

  it('keeps the master key and the unwrapped data key out of the database', async () => {
    const bytes = databaseBytes(database.dataDir);
    const kek = kekFrom(readKeyFile(join(database.dataDir, 'master.key')));
    const row = await server.database.db
      .selectFrom('workspace_keys')
      .selectAll()
      .where('workspace_id', '=', 'ws-1')
      .executeTakeFirstOrThrow();
    const dek = unwrapKey(kek, dekAad('ws-1'), row.wrapped_key);
    expect(bytes.includes(row.wrapped_key)).toBe(true);
    for (const secret of [kek.key, dek]) {
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(secret.toString('base64'))).toBe(false);
      expect(bytes.includes(secret.toString('hex'))).toBe(false);
    }
  });
});
