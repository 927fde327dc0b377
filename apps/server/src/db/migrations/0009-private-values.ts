import type { Kysely } from 'kysely';

/**
 * Per-user private values of environment variables ("use without seeing", SECURITY.md): a member's
 * own value for a variable, used in their runs instead of the shared one. Only sealed values are
 * stored (`value_enc`, the environment's workspace key, associated data naming the environment,
 * the variable key and the user), so a row copied to another user or variable does not open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environment_private_values')
    .addColumn('environment_id', 'varchar(36)', (c) =>
      c.notNull().references('environments.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'varchar(1000)', (c) => c.notNull())
    .addColumn('value_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('environment_private_values_pk', ['environment_id', 'user_id', 'key'])
    .execute();
  await db.schema
    .createIndex('environment_private_values_user')
    .on('environment_private_values')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('environment_private_values').execute();
}
