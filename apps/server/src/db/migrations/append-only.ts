import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/**
 * Makes `table` append-only for everyone, the application included: triggers refuse UPDATE and
 * DELETE on both dialects, and TRUNCATE on PostgreSQL. The PostgreSQL trigger function is created
 * once (by the audit migration) and shared.
 */
export async function refuseChanges(
  db: Kysely<unknown>,
  table: 'audit_logs' | 'audit_checkpoints',
): Promise<void> {
  const name = sql.raw(table);
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION postern_audit_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit rows are append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${name}
      FOR EACH ROW EXECUTE FUNCTION postern_audit_append_only()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${name}
      FOR EACH STATEMENT EXECUTE FUNCTION postern_audit_append_only()`.execute(db);
  } else {
    for (const op of ['UPDATE', 'DELETE'] as const) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${name}
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END`.execute(db);
    }
  }
}
