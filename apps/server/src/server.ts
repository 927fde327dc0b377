/** Starts `postern serve`: opens the database, listens, and prints the URL and first-run step. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import type { Keyring } from './crypto/keyring.ts';
import { openKeyring } from './crypto/open-keyring.ts';
import { type OpenDatabase, openDatabase } from './db/database.ts';
import { issueSetupToken } from './modules/setup/service.ts';

export interface RunningServer {
  app: FastifyInstance;
  config: ServerConfig;
  database: OpenDatabase;
  keyring: Keyring;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  input: Partial<ServerConfig> & { version: string; log?: (line: string) => void; env?: NodeJS.ProcessEnv },
): Promise<RunningServer> {
  const config = resolveConfig(input);
  const log = input.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase(config);
  // A missing or wrong master key stops the start here, before anything listens.
  const { keyring, notice } = await openKeyring({
    db: database.db,
    dataDir: config.dataDir,
    env: input.env ?? process.env,
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const app = await buildApp({ config, database, keyring, version: input.version });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  log(
    `Postern ${input.version} listening on ${url} (database: ${database.kind === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (notice) log(notice);
  const token = await issueSetupToken(database.db);
  if (token) {
    log('First run: no administrator exists yet. Open this one-time link to create one:');
    log(`  ${url}/setup?token=${token}`);
    log('  (or: postern admin create-user --email you@example.com --password-stdin --admin)');
  }
  return {
    app,
    config,
    database,
    keyring,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
