import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { type OpenDatabase, openDatabase } from './database.ts';
import { preparedQuery } from './prepared-query.ts';
import type { Database } from './schema.ts';

/** A query on a scratch table whose shape the tests change. */
const scratchById = preparedQuery((db, p: { id: number }) => ({
  compile: () => sql`SELECT * FROM pq_scratch WHERE id = ${p.id}`.compile(db),
}));

async function preparedOnThisConnection(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
  return rows.map((r) => r.statement);
}

describe('postgresPool (named statements for prepared queries)', () => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    open = await openDatabase(database);
    await sql`CREATE TABLE pq_scratch (id integer PRIMARY KEY, a text NOT NULL)`.execute(open.db);
    await sql`INSERT INTO pq_scratch VALUES (1, 'one'), (2, 'two')`.execute(open.db);
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  it('prepares a prepared query once per connection, outside transactions', async () => {
    await open.db.connection().execute(async (conn) => {
      expect(await scratchById.first(conn, { id: 1 })).toEqual({ id: 1, a: 'one' });
      expect(await scratchById.first(conn, { id: 2 })).toEqual({ id: 2, a: 'two' });
      const prepared = await preparedOnThisConnection(conn);
      expect(prepared.filter((s) => s.includes('pq_scratch'))).toHaveLength(1);
      // Ordinary queries stay unnamed.
      expect(prepared.some((s) => s.includes('pg_prepared_statements'))).toBe(false);
    });
  });

  it('sends the text unnamed inside a transaction', async () => {
    const inTransaction = preparedQuery((db, p: { id: number }) => ({
      compile: () => sql`SELECT a FROM pq_scratch WHERE id = ${p.id}`.compile(db),
    }));
    const named = async (db: Kysely<Database>) =>
      (await preparedOnThisConnection(db)).filter((s) => s.includes('SELECT a FROM'));
    await open.db.connection().execute(async (conn) => {
      await conn.transaction().execute(async (trx) => {
        expect(await inTransaction.first(trx, { id: 2 })).toEqual({ a: 'two' });
        expect(await named(trx)).toEqual([]);
      });
      // After the transaction, the same connection names it.
      expect(await inTransaction.first(conn, { id: 2 })).toEqual({ a: 'two' });
      expect(await named(conn)).toHaveLength(1);
    });
  });

  it('runs the query unnamed when the server lost the statement (a pooler in between)', async () => {
    await open.db.connection().execute(async (conn) => {
      expect(await scratchById.first(conn, { id: 1 })).toEqual({ id: 1, a: 'one' });
      await sql`DEALLOCATE ALL`.execute(conn);
      expect(await scratchById.first(conn, { id: 1 })).toEqual({ id: 1, a: 'one' });
      expect(await scratchById.first(conn, { id: 2 })).toEqual({ id: 2, a: 'two' });
    });
  });

  it('runs the query unnamed when the table changed shape under a prepared statement', async () => {
    const everything = preparedQuery((db, p: { id: number }) => ({
      compile: () => sql`SELECT *, 'shape' AS probe FROM pq_scratch WHERE id = ${p.id}`.compile(db),
    }));
    await open.db.connection().execute(async (conn) => {
      expect(await everything.first(conn, { id: 1 })).toEqual({ id: 1, a: 'one', probe: 'shape' });
      expect((await preparedOnThisConnection(conn)).filter((s) => s.includes("'shape'"))).toHaveLength(1);
      // Another server's migration: the prepared `SELECT *` can no longer run as planned.
      await sql`ALTER TABLE pq_scratch ADD COLUMN b text NOT NULL DEFAULT 'new'`.execute(open.db);
      expect(await everything.first(conn, { id: 1 })).toEqual({ id: 1, a: 'one', b: 'new', probe: 'shape' });
      expect(await everything.first(conn, { id: 2 })).toEqual({ id: 2, a: 'two', b: 'new', probe: 'shape' });
    });
  });

  it('passes errors of the query itself through', async () => {
    const bad = preparedQuery((db, p: { id: string }) => ({
      compile: () => sql`SELECT * FROM pq_scratch WHERE id = ${p.id}::integer`.compile(db),
    }));
    await expect(bad.first(open.db, { id: 'not a number' })).rejects.toMatchObject({ code: '22P02' });
  });
});
