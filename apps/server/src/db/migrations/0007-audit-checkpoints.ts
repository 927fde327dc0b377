import type { Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

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
  await refuseChanges(db, 'audit_checkpoints');
}

export async function down(): Promise<void> {
  throw new Error('audit checkpoints cannot be dropped by a migration');
}
