/**
 * Queries Kysely builds and compiles once per dialect, then runs with new values. Building and
 * compiling a query walks and freezes a tree of nodes; for the few fixed-shape queries every
 * request runs (authentication, access facts, the audit chain head) that costs more than the
 * database answering them. Everything but the named parameters is fixed at the first call.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';
import { nameStatement } from './postgres-pool.ts';
import type { Database } from './schema.ts';

/** Marks a parameter slot while the query is compiled; never sent to a database. */
const MARK = '\u0000postern-param\u0000';

type Params = object;

type Slot<P> = { name: keyof P } | { value: unknown };

interface Template<P> {
  sql: string;
  slots: Slot<P>[];
}

/** Runs a prepared query: all rows, or the first one. */
export interface PreparedQuery<P extends Params, R> {
  all(db: Kysely<Database>, values: Readonly<P>): Promise<R[]>;
  first(db: Kysely<Database>, values: Readonly<P>): Promise<R | undefined>;
}

function compileTemplate<P extends Params, R>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): Template<P> {
  // Each `params.<name>` reads as a marker string, whatever type the build sees it as.
  const params = new Proxy({} as P, { get: (_target, name) => `${MARK}${String(name)}` });
  const compiled = build(db, params).compile();
  if (compiled.sql.includes(MARK)) throw new Error('a prepared query parameter ended up in the SQL text');
  const slots = compiled.parameters.map(
    (value): Slot<P> =>
      typeof value === 'string' && value.startsWith(MARK)
        ? { name: value.slice(MARK.length) as keyof P }
        : { value },
  );
  return { sql: compiled.sql, slots };
}

/**
 * Declares a query whose values vary only where `params.<name>` is used: as compared or inserted
 * values, never in place of a table or column, and only read (not enumerated or inspected).
 *
 * @example
 * const keyByHash = preparedQuery((db, p: { hash: string }) =>
 *   db.selectFrom('api_keys').selectAll().where('key_hash', '=', p.hash));
 * const row = await keyByHash.first(db, { hash });
 */
export function preparedQuery<P extends Params, R>(
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  // One template per dialect: the SQL text differs only by dialect (no plugins are in use).
  let sqlite: Template<P> | undefined;
  let postgres: Template<P> | undefined;
  const template = (db: Kysely<Database>): Template<P> => {
    if (isPostgres(db)) {
      if (!postgres) {
        postgres = compileTemplate(db, build);
        // Parsed and planned once per connection by PostgreSQL (postgres-pool.ts).
        nameStatement(postgres.sql);
      }
      return postgres;
    }
    sqlite ??= compileTemplate(db, build);
    return sqlite;
  };
  const all = async (db: Kysely<Database>, values: Readonly<P>): Promise<R[]> => {
    const { sql, slots } = template(db);
    const parameters = slots.map((slot) => ('name' in slot ? values[slot.name] : slot.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, parameters));
    return result.rows;
  };
  return {
    all,
    first: async (db, values) => (await all(db, values))[0],
  };
}
