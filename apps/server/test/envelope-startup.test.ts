import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/index.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases.ts';

const BIN = join(import.meta.dirname, '../../cli/bin/postern.js');
const newKey = () => randomBytes(32).toString('base64');

/** A port nothing listens on now (to check later that a refused start never listened). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
}

describe.each(DATABASE_KINDS)('master key at startup (%s)', (kind) => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];
  const lines: string[] = [];

  const start = (env: NodeJS.ProcessEnv = {}, port = 0) =>
    startServer({
      version: '0.0.0-test',
      port,
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      env,
      log: (l) => lines.push(l),
    }).then((server) => {
      servers.push(server);
      return server;
    });
  /** Starts, then stops: resolves with the error of a refused start. */
  const refusal = async (env: NodeJS.ProcessEnv = {}): Promise<string> => {
    const port = await freePort();
    const error = await start(env, port).then(
      () => new Error('the server started'),
      (e: unknown) => e as Error,
    );
    expect(await listening(port)).toBe(false);
    return error.message;
  };
  const keyFile = () => join(database.dataDir, 'master.key');

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    lines.length = 0;
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await database.drop();
  });

  it('generates master.key with mode 0600 on first start, says so, and reuses it', async () => {
    const first = await start();
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile(), 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(lines.join('\n')).toContain(`Generated a master key in ${keyFile()} (key ${first.keyring.kekId})`);
    const secret = await first.keyring.encrypt('ws-1', 'row', 'persisted');
    await first.close();
    servers.length = 0;
    lines.length = 0;
    const second = await start();
    expect(second.keyring.kekId).toBe(first.keyring.kekId);
    expect(lines.join('\n')).not.toContain('Generated a master key');
    expect(await second.keyring.decrypt('ws-1', 'row', secret)).toBe('persisted');
  });

  it('uses POSTERN_MASTER_KEY without writing a file, and refuses another key with a clear error', async () => {
    const key = newKey();
    const server = await start({ POSTERN_MASTER_KEY: key });
    const kekId = server.keyring.kekId;
    expect(existsSync(keyFile())).toBe(false);
    await server.close();
    servers.length = 0;
    const message = await refusal({ POSTERN_MASTER_KEY: newKey() });
    expect(message).toMatch(
      /^the master key does not match this database \(key [0-9a-f]{16} from POSTERN_MASTER_KEY;/,
    );
    expect(message).toContain(`the database expects key ${kekId}`);
    // Nor does the key file, were one generated, stand in for the configured key.
    expect(await refusal({})).toMatch(
      /^no master key: POSTERN_MASTER_KEY is not set and .*master\.key does not exist/,
    );
    expect(existsSync(keyFile())).toBe(false);
    expect((await start({ POSTERN_MASTER_KEY: key })).keyring.kekId).toBe(kekId);
  });

  it('names the variable when POSTERN_MASTER_KEY is malformed, without echoing it', async () => {
    const short = randomBytes(16).toString('base64');
    const message = await refusal({ POSTERN_MASTER_KEY: short });
    expect(message).toMatch(/^POSTERN_MASTER_KEY decodes to 16 bytes, not 32/);
    expect(message).not.toContain(short);
    expect(await refusal({ POSTERN_MASTER_KEY: 'this is no key' })).toMatch(
      /^POSTERN_MASTER_KEY is not valid base64/,
    );
  });

  it('refuses a key file that group or others can read, and a malformed one', async () => {
    await (await start()).close();
    servers.length = 0;
    chmodSync(keyFile(), 0o644);
    const message = await refusal();
    expect(message).toContain(
      `the master key file ${keyFile()} is readable or writable by group or others (mode 0644)`,
    );
    expect(message).toContain(`chmod 600 ${keyFile()}`);
    chmodSync(keyFile(), 0o600);
    const good = readFileSync(keyFile(), 'utf8');
    writeFileSync(keyFile(), 'garbage\n');
    expect(await refusal()).toMatch(/^the master key file .*master\.key decodes to 5 bytes, not 32/);
    writeFileSync(keyFile(), good);
    await start();
  });

  it('refuses to start, and generates nothing, when the key file of an existing database is gone', async () => {
    const server = await start();
    await server.keyring.ensureKey('ws-1');
    const kekId = server.keyring.kekId;
    await server.close();
    servers.length = 0;
    rmSync(keyFile());
    const message = await refusal();
    expect(message).toContain(`this database holds data encrypted under key ${kekId}`);
    expect(message).toContain('A new key is never generated');
    expect(existsSync(keyFile())).toBe(false);
  });

  it('refuses a database whose workspace keys lost their check value', async () => {
    const server = await start();
    await server.keyring.ensureKey('ws-1');
    await server.database.db.deleteFrom('meta').where('key', '=', 'kek_check').execute();
    await server.close();
    servers.length = 0;
    expect(await refusal()).toMatch(/holds workspace keys but no master key check value/);
  });
});

describe('postern serve with a wrong master key (black-box)', () => {
  it('exits 1 with the message and never listens', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const key = newKey();
      const run = (env: Record<string, string>, args: string[]) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(process.execPath, ['--no-node-snapshot', BIN, ...args], {
            env: { ...process.env, POSTERN_DATABASE_URL: '', NO_COLOR: '1', ...env },
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += d;
            if (out.includes('listening')) child.kill('SIGTERM');
          });
          child.stderr.on('data', (d) => {
            err += d;
          });
          child.on('exit', (code) => resolve({ code, out, err }));
        });
      const args = ['serve', '--port', '0', '--data-dir', database.dataDir];
      const first = await run({ POSTERN_MASTER_KEY: key }, args);
      expect(first.out, first.err).toContain('listening');
      const wrong = await run({ POSTERN_MASTER_KEY: newKey() }, args);
      expect(wrong.code).toBe(1);
      expect(wrong.out).not.toContain('listening');
      expect(wrong.err).toMatch(/^error: the master key does not match this database \(key [0-9a-f]{16}/);
    } finally {
      await database.drop();
    }
  });
});
