import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { type OpenDatabase, openDatabase } from './database.ts';

describe('openDatabase (SQLite settings)', () => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    open = await openDatabase(database);
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  async function pragma(name: string): Promise<unknown> {
    const { rows } = await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(open.db);
    return Object.values(rows[0] ?? {})[0];
  }

  it('runs in WAL mode with synchronous = NORMAL, foreign keys and secure delete on', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1); // 0 OFF, 1 NORMAL, 2 FULL
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('secure_delete')).toBe(1);
  });

  it('keeps serving queries the same way with statements reused', async () => {
    for (let i = 0; i < 3; i++) {
      await open.db
        .insertInto('meta')
        .values({ key: `db-${i}`, value: String(i) })
        .execute();
    }
    const read = (key: string) =>
      open.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    expect(await read('db-0')).toEqual({ value: '0' });
    expect(await read('db-2')).toEqual({ value: '2' });
    expect(await read('db-9')).toBeUndefined();
  });
});
