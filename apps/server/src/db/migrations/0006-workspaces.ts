import type { Kysely } from 'kysely';

/**
 * Workspaces with their roles, and the elements they hold: collections (current v2.1 JSON plus
 * every saved version), environments (secret values only encrypted, in `value_enc`) and element
 * roles on single collections or environments. Element roles have no foreign key to the element
 * (one table serves both kinds); the services delete them with the element.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(36)', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('owner_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workspaces_team').on('workspaces').columns(['team_id', 'type']).execute();
  await db.schema.createIndex('workspaces_owner').on('workspaces').column('owner_id').execute();
  await db.schema.createIndex('workspaces_type').on('workspaces').columns(['type', 'name']).execute();
  await db.schema
    .createTable('workspace_roles')
    .addColumn('workspace_id', 'varchar(36)', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_roles_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('workspace_roles_user').on('workspace_roles').column('user_id').execute();
  await db.schema
    .createTable('collections')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('workspace_id', 'varchar(36)', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('name', 'varchar(500)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('collections_workspace')
    .on('collections')
    .columns(['workspace_id', 'name'])
    .execute();
  await db.schema
    .createTable('collection_versions')
    .addColumn('collection_id', 'varchar(36)', (c) =>
      c.notNull().references('collections.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_versions_pk', ['collection_id', 'version'])
    .execute();
  await db.schema
    .createTable('environments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('workspace_id', 'varchar(36)', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('name', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('environments_workspace')
    .on('environments')
    .columns(['workspace_id', 'name'])
    .execute();
  await db.schema
    .createTable('environment_variables')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('environment_id', 'varchar(36)', (c) =>
      c.notNull().references('environments.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('value', 'text')
    .addColumn('value_enc', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('environment_variables_env')
    .on('environment_variables')
    .columns(['environment_id', 'position'])
    .execute();
  await db.schema
    .createTable('element_roles')
    .addColumn('element_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('element_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('element_roles_pk', ['element_type', 'element_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('element_roles_user')
    .on('element_roles')
    .columns(['user_id', 'element_type'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'element_roles',
    'environment_variables',
    'environments',
    'collection_versions',
    'collections',
    'workspace_roles',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
