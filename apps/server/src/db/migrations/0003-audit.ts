import type { Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

/**
 * The audit trail: append-only rows chained by hash. A trigger refuses UPDATE and DELETE on both
 * dialects (and TRUNCATE on PostgreSQL), so even the application cannot rewrite history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_logs')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('action', 'varchar(80)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_email', 'varchar(320)')
    .addColumn('actor_name', 'varchar(200)')
    .addColumn('team_id', 'varchar(36)')
    .addColumn('workspace_id', 'varchar(36)')
    .addColumn('target_type', 'varchar(40)')
    .addColumn('target_id', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(500)')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_logs_created').on('audit_logs').column('created_at').execute();
  await db.schema.createIndex('audit_logs_team').on('audit_logs').columns(['team_id', 'seq']).execute();
  await db.schema.createIndex('audit_logs_actor').on('audit_logs').columns(['actor_id', 'seq']).execute();
  await refuseChanges(db, 'audit_logs');
}

export async function down(): Promise<void> {
  throw new Error('the audit trail cannot be dropped by a migration');
}
