/**
 * Opens the database: PostgreSQL when a `postgres://` URL is configured, otherwise an embedded
 * SQLite file (WAL mode) in the data directory. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

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
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Overwrite deleted content, so a value turned secret leaves no plaintext in free pages.
    sqlite.pragma('secure_delete = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  await migrate(db);
  return { db, kind, close: () => db.destroy() };
}

/**
 * A pool whose idle connections may be cut by the server (restart, failover, a dropped test
 * database): the error is reported on the pool, and without a listener it would crash the process.
 */
function postgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  return pool;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error)
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
}
