import { PostgresAdapter } from 'kysely';

/** True when `db` talks to PostgreSQL (migrations see `Kysely<unknown>`, so they ask the adapter). */
export function isPostgres(db: { getExecutor(): { readonly adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
