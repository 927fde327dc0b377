/** `postern serve` and `postern admin …`: thin wrappers over @postern/server (loaded on demand). */
import type { Command } from 'commander';
import { VERSION } from './version.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${value}"`);
  return port;
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the team server (SQLite in --data-dir, or PostgreSQL when POSTERN_DATABASE_URL is set)',
    )
    .option('--host <host>', 'address to listen on', process.env.POSTERN_HOST ?? '127.0.0.1')
    .option('--port <port>', 'port to listen on', parsePort, Number(process.env.POSTERN_PORT ?? 7300))
    .option(
      '--data-dir <dir>',
      'where the database, keys and mail outbox live',
      process.env.POSTERN_DATA_DIR ?? '.postern',
    )
    .action(async (flags: { host: string; port: number; dataDir: string }) => {
      const { startServer } = await import('@postern/server');
      const server = await startServer({ ...flags, version: VERSION });
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      // a server run that ended just now may leave an isolate being torn down: exiting under it crashes
      const { sandboxesTornDown } = await import('@postern/runtime/sandbox');
      await sandboxesTornDown();
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function addAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Operator commands against the server database');
  admin
    .command('rotate-keys')
    .description(
      'Re-wrap every workspace data key under a new master key (safe while servers run). ' +
        'With the key file, a new key is generated into it; with POSTERN_MASTER_KEY, give the new key on stdin',
    )
    .option('--new-master-key-stdin', 'read the new master key (base64 of 32 bytes) from standard input')
    .option('--data-dir <dir>', 'server data directory', process.env.POSTERN_DATA_DIR ?? '.postern')
    .action(async (flags: { newMasterKeyStdin?: boolean; dataDir: string }) => {
      const newMasterKey = flags.newMasterKeyStdin ? await readStdin() : undefined;
      const { adminRotateKeys, MasterKeyError } = await import('@postern/server');
      try {
        const r = await adminRotateKeys({ dataDir: flags.dataDir, newMasterKey });
        process.stdout.write(
          `re-wrapped ${r.rewrapped} workspace key(s) under master key ${r.newKekId} (was ${r.oldKekId})\n` +
            (r.keyFile
              ? `the new key is in ${r.keyFile}: back it up; running servers pick it up by themselves\n`
              : 'set POSTERN_MASTER_KEY to the new key on every server before its next restart\n'),
        );
      } catch (err) {
        if (err instanceof MasterKeyError) {
          process.stderr.write(`error: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
  admin
    .command('create-user')
    .description('Create a verified user directly in the database')
    .requiredOption('--email <email>', 'the user email')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .option('--admin', 'make the user an instance administrator', false)
    .option('--data-dir <dir>', 'server data directory', process.env.POSTERN_DATA_DIR ?? '.postern')
    .action(async (flags: { email: string; name?: string; admin: boolean; dataDir: string }) => {
      const password = await readStdin();
      const { adminCreateUser, AppError } = await import('@postern/server');
      try {
        const user = await adminCreateUser({ ...flags, password });
        process.stdout.write(
          `created ${user.isAdmin ? 'administrator' : 'user'} ${user.email} (${user.id})\n`,
        );
      } catch (err) {
        if (err instanceof AppError) {
          process.stderr.write(`error: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
}
