import type { Kysely } from 'kysely';

/**
 * Secrets the scanner found in saved collections and environments (SECURITY.md "Secret scanning
 * and push protection"). A row never holds the secret: only the scanner's fingerprint (rule and
 * secret hashed, the key of baselines), a keyed fingerprint (`hmac`, the keyring's per-workspace
 * HMAC) and the redacted form (at most four characters). `element_id` has no foreign key (one
 * table serves collections and environments, like element_roles): the services delete findings
 * with their element; a deleted workspace takes its findings along.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('secret_findings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('workspace_id', 'varchar(36)', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('element_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('element_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('rule_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('json_path', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('hmac', 'varchar(64)', (c) => c.notNull())
    .addColumn('redacted', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('resolved_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'varchar(40)')
    .addUniqueConstraint('secret_findings_element_secret', [
      'element_type',
      'element_id',
      'fingerprint',
      'json_path',
    ])
    .execute();
  await db.schema
    .createIndex('secret_findings_workspace')
    .on('secret_findings')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('secret_findings_list')
    .on('secret_findings')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('secret_findings').execute();
}
