import type { Kysely } from 'kysely';

/**
 * One data key (DEK) per workspace, stored only wrapped by the master key (KEK) whose id is
 * `kek_id`. No foreign key to workspaces: a key row may be written in the transaction that creates
 * its workspace, and deleting it is how a deleted workspace's secrets become unreadable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspace_keys')
    .addColumn('workspace_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('kek_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('rotated_at', 'varchar(40)')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('workspace_keys').execute();
}
