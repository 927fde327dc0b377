import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/databases.ts';
import { type OpenDatabase, openDatabase } from './database.ts';
import { preparedQuery } from './prepared-query.ts';

const byKey = preparedQuery((db, p: { key: string }) =>
  db.selectFrom('meta').select(['key', 'value', 'seq']).where('key', '=', p.key),
);

describe.each(DATABASE_KINDS)('preparedQuery (%s)', (kind) => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    open = await openDatabase(database);
    await open.db
      .insertInto('meta')
      .values([
        { key: 'pq-a', value: 'one', seq: 1 },
        { key: 'pq-b', value: 'two', seq: 7 },
        { key: 'pq-c', value: 'pq-a', seq: 7 },
      ])
      .execute();
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  it('answers what the same query built every time answers, for each value', async () => {
    for (const key of ['pq-a', 'pq-b', 'pq-none']) {
      const built = await open.db
        .selectFrom('meta')
        .select(['key', 'value', 'seq'])
        .where('key', '=', key)
        .execute();
      expect(await byKey.all(open.db, { key })).toEqual(built);
      expect(await byKey.first(open.db, { key })).toEqual(built[0]);
    }
    expect(await byKey.first(open.db, { key: 'pq-b' })).toEqual({ key: 'pq-b', value: 'two', seq: 7 });
  });

  it('binds repeated names in every place, and keeps the fixed values of the first build', async () => {
    const q = preparedQuery((db, p: { a: string; b: string }) =>
      db
        .selectFrom('meta')
        .select('key')
        .where((eb) => eb.or([eb('key', '=', p.a), eb('value', '=', p.a), eb('key', '=', p.b)]))
        .where('seq', '=', 7)
        .orderBy('key'),
    );
    expect(await q.all(open.db, { a: 'pq-a', b: 'pq-b' })).toEqual([{ key: 'pq-b' }, { key: 'pq-c' }]);
    expect(await q.all(open.db, { a: 'two', b: 'pq-none' })).toEqual([{ key: 'pq-b' }]);
  });

  it('writes, and runs inside a transaction that sees its own uncommitted rows', async () => {
    const insert = preparedQuery((db, p: { key: string; value: string }) =>
      db.insertInto('meta').values({ key: p.key, value: p.value }),
    );
    await expect(
      open.db.transaction().execute(async (trx) => {
        await insert.all(trx, { key: 'pq-tx', value: 'inside' });
        expect(await byKey.first(trx, { key: 'pq-tx' })).toEqual({ key: 'pq-tx', value: 'inside', seq: 0 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byKey.first(open.db, { key: 'pq-tx' })).toBeUndefined();
    await insert.all(open.db, { key: 'pq-tx', value: 'kept' });
    expect(await byKey.first(open.db, { key: 'pq-tx' })).toMatchObject({ value: 'kept' });
  });

  it('refuses a build that puts a parameter into the SQL text itself', async () => {
    const bad = preparedQuery((db, p: { column: string }) =>
      db.selectFrom('meta').select(sql.ref(p.column).as('x')),
    );
    await expect(bad.all(open.db, { column: 'key' })).rejects.toThrow(/ended up in the SQL text/);
  });
});
