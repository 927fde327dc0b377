/** Starts `postern serve`: opens the database, listens, and prints the URL and first-run step. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { startCheckpointer } from './audit/checkpoints.ts';
import { openAuditSigner } from './audit/signing-key.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import type { Keyring } from './crypto/keyring.ts';
import { openKeyring } from './crypto/open-keyring.ts';
import { type OpenDatabase, openDatabase } from './db/database.ts';
import { createMailer } from './mail/create-mailer.ts';
import type { Mailer } from './mail/mailer.ts';
import { issueSetupToken } from './modules/setup/service.ts';

export interface RunningServer {
  app: FastifyInstance;
  config: ServerConfig;
  database: OpenDatabase;
  keyring: Keyring;
  mailer: Mailer;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  input: Partial<ServerConfig> & { version: string; log?: (line: string) => void; env?: NodeJS.ProcessEnv },
): Promise<RunningServer> {
  const config = resolveConfig(input);
  // A malformed POSTERN_SMTP_URL stops the start here, before anything is opened.
  const mailer = createMailer(config);
  const log = input.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase(config);
  const env = input.env ?? process.env;
  // A missing or wrong master key or signing key, a bad setting or a taken port stops the start
  // here, before anything listens; what was opened is closed again.
  const opened = await (async () => {
    const { keyring, notice } = await openKeyring({ db: database.db, dataDir: config.dataDir, env });
    const auditSigner = await openAuditSigner(database.db, config.dataDir, env);
    const app = await buildApp({ config, database, keyring, mailer, auditSigner, version: input.version });
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close();
      throw error;
    }
    return { keyring, notice, auditSigner, app };
  })().catch(async (error: unknown) => {
    await mailer.close();
    await database.close();
    throw error;
  });
  const { keyring, notice, auditSigner, app } = opened;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  // With --port 0 the real port is known only now; links in mail must carry it.
  if (config.port === 0) config.publicUrl = url;
  log(
    `Postern ${input.version} listening on ${url} (database: ${database.kind === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (notice) log(notice);
  if (!config.smtpUrl) log(`Mail is written to ${mailer.destination} (set POSTERN_SMTP_URL to send it)`);
  const checkpointer = startCheckpointer(database.db, auditSigner, (error) =>
    log(`audit checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
  );
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
    mailer,
    url,
    close: async () => {
      await app.close();
      await checkpointer.stop();
      await mailer.close();
      await database.close();
    },
  };
}
