import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/** Signed checkpoints over the audit chain (size + head hash, Ed25519), append-only like the trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('size', 'integer', (c) => c.primaryKey())
    .addColumn('head_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('signature', 'varchar(200)', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    await sql`CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION postern_audit_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('audit checkpoints cannot be dropped by a migration');
}
