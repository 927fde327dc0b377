/**
 * The PostgreSQL connection pool Kysely uses. The SQL of prepared queries (prepared-query.ts) goes
 * out as named statements, which PostgreSQL parses and plans once per connection instead of on
 * every run: for the small lookups every request makes, that is most of the database's work.
 *
 * Named statements are used only outside transactions, where a failure can be retried: when one
 * cannot run as prepared (the table changed shape under a running server: "cached plan must not
 * change result type"; or a pooler in front of PostgreSQL lost it) the query runs again unnamed and
 * that connection stops naming it. Inside a transaction the text is always sent as it is.
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

/** Statement names by SQL text (few: one per prepared query). */
const statementNames = new Map<string, string>();

/** Marks `sqlText` to be sent as a named statement from now on. */
export function nameStatement(sqlText: string): void {
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, `postern_${statementNames.size + 1}`);
}

/** SQLSTATEs after which a named statement is run unnamed instead (see the file comment). */
const NOT_REUSABLE = new Set(['0A000', '26000']);

/** Whether `text` opens (true) or ends (false) a transaction; undefined for anything else. */
function transactionChange(text: string): boolean | undefined {
  const head = text.trimStart().slice(0, 24).toLowerCase();
  if (/^(begin|start)\b/.test(head)) return true;
  if (/^(commit|end|abort)\b/.test(head) || /^rollback\b(?!\s+to\b)/.test(head)) return false;
  return undefined;
}

function wrapClient(client: pg.PoolClient): PostgresPoolClient {
  let inTransaction = false;
  const unusable = new Set<string>();
  const run = <R>(config: string | pg.QueryConfig, values?: unknown[]) =>
    client.query(config, values) as unknown as Promise<PostgresQueryResult<R>>;
  const query = async <R>(
    text: string,
    parameters: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> => {
    inTransaction = transactionChange(text) ?? inTransaction;
    const values = [...parameters];
    const name = inTransaction ? undefined : statementNames.get(text);
    if (!name || unusable.has(name)) return run<R>(text, values);
    try {
      return await run<R>({ name, text, values });
    } catch (error) {
      if (!NOT_REUSABLE.has((error as { code?: string }).code ?? '')) throw error;
      unusable.add(name);
      return run<R>(text, values);
    }
  };
  return {
    query: ((textOrCursor: unknown, parameters?: ReadonlyArray<unknown>) =>
      typeof textOrCursor === 'string'
        ? query(textOrCursor, parameters ?? [])
        : client.query(textOrCursor as never)) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}

/**
 * A pool whose idle connections may be cut by the server (restart, failover, a dropped test
 * database): the error is reported on the pool, and without a listener it would crash the process.
 *
 * @example new PostgresDialect({ pool: postgresPool('postgres://postern@db/postern') })
 */
export function postgresPool(connectionString: string): PostgresPool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  // One wrapper per pooled connection, so its transaction state and named statements stay with it.
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrapClient(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
