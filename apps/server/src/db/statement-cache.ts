/**
 * Prepared-statement reuse for SQLite. Kysely's SqliteDialect calls `prepare` for every query it
 * runs, and SQLite's parsing and planning cost more than running the indexed lookups most
 * requests make. This wrapper keeps the most recently used statements by SQL text, so a query
 * Kysely compiles to the same text runs on the statement prepared the first time.
 *
 * One more thing costs a re-prepare on every run: SQLite's planner reads the value of a bound
 * `LIMIT ?`, so a statement is compiled again each time that parameter is bound. A query ending in
 * `limit ?` therefore runs on a statement with the (integer) limit written into its text.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept at most; `IN (…)` lists and limits of varying size make distinct texts. */
export const STATEMENT_CACHE_SIZE = 500;

/** The end of a query whose last parameter is its row limit (Kysely's SQLite text). */
const LIMIT_TAIL = / limit \?$/;

/**
 * A statement that runs `text` (ending in `limit ?`) as the same text with the limit written in,
 * when the limit is a non-negative integer (always, for Kysely's `.limit(n)`).
 */
function literalLimit(text: string, prepare: (text: string) => SqliteStatement): SqliteStatement {
  const head = text.slice(0, -1);
  const pick = (parameters: ReadonlyArray<unknown>) => {
    const limit = parameters[parameters.length - 1];
    return (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0) ||
      (typeof limit === 'bigint' && limit >= 0n)
      ? { statement: prepare(`${head}${limit}`), values: parameters.slice(0, -1) }
      : { statement: prepare(text), values: parameters };
  };
  return {
    reader: prepare(text).reader,
    all: (parameters) => {
      const { statement, values } = pick(parameters);
      return statement.all(values);
    },
    run: (parameters) => {
      const { statement, values } = pick(parameters);
      return statement.run(values);
    },
    iterate: (parameters) => {
      const { statement, values } = pick(parameters);
      return statement.iterate(values);
    },
  };
}

/**
 * The database as Kysely's SqliteDialect sees it, with `prepare` answered from a bounded
 * least-recently-used cache. A statement is reused only when it is not in the middle of a query
 * (`busy`, e.g. an unfinished iteration), so reuse never changes what a query returns.
 *
 * @example
 * const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
 */
export function cachingStatements(
  sqlite: BetterSqlite3.Database,
  capacity = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { readonly cachedStatements: number } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const limited = new Map<string, SqliteStatement>();
  const prepare = (sqlText: string): SqliteStatement => {
    const cached = cache.get(sqlText);
    if (cached && !cached.busy) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      cache.delete(sqlText);
      cache.set(sqlText, cached);
      return cached;
    }
    const statement = sqlite.prepare(sqlText);
    if (cached) return statement;
    cache.set(sqlText, statement);
    if (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return statement;
  };
  return {
    get cachedStatements() {
      return cache.size;
    },
    prepare(sqlText: string): SqliteStatement {
      if (!LIMIT_TAIL.test(sqlText)) return prepare(sqlText);
      let statement = limited.get(sqlText);
      if (!statement) {
        if (limited.size >= capacity) limited.clear();
        statement = literalLimit(sqlText, prepare);
        limited.set(sqlText, statement);
      }
      return statement;
    },
    close(): void {
      cache.clear();
      limited.clear();
      sqlite.close();
    },
  };
}
