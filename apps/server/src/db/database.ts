/**
 * Opens the database: PostgreSQL when a `postgres://` URL is configured, otherwise an embedded
 * SQLite file (WAL mode, `synchronous = NORMAL`, prepared statements reused) in the data
 * directory. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index.ts';
import { postgresPool } from './postgres-pool.ts';
import type { Database } from './schema.ts';
import { cachingStatements } from './statement-cache.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export async function openDatabase(options: {
  dataDir: string;
  databaseUrl?: string;
}): Promise<OpenDatabase> {
  const kind: DatabaseKind = options.databaseUrl ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  if (options.databaseUrl) {
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: postgresPool(options.databaseUrl) }),
    });
  } else {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const sqlite = new SQLite(join(options.dataDir, 'postern.db'));
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit (SQLite's recommended setting
    // for WAL): a crashed process loses nothing; a power loss or OS crash leaves the database
    // consistent and may lose the last commits before it. FULL would cost an fsync per write.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Overwrite deleted content, so a value turned secret leaves no plaintext in free pages.
    sqlite.pragma('secure_delete = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  }
  await migrate(db);
  return { db, kind, close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error)
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
}
