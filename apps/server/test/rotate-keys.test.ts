import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Keyring } from '../src/crypto/keyring.ts';
import { openKeyring } from '../src/crypto/open-keyring.ts';
import { type OpenDatabase, openDatabase } from '../src/db/database.ts';
import { adminRotateKeys, MasterKeyError, type RunningServer, startServer } from '../src/index.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases.ts';

const BIN = join(import.meta.dirname, '../../cli/bin/postern.js');
const newKey = () => randomBytes(32).toString('base64');

describe.each(DATABASE_KINDS)('postern admin rotate-keys (%s)', (kind) => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];
  const connections: OpenDatabase[] = [];

  const start = (env: NodeJS.ProcessEnv = {}) =>
    startServer({
      version: '0.0.0-test',
      port: 0,
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      env,
      log: () => {},
    }).then((server) => {
      servers.push(server);
      return server;
    });
  const stop = async (server: RunningServer) => {
    await server.close();
    servers.splice(servers.indexOf(server), 1);
  };
  /** Another server process's keyring (own connection, own cache). */
  const otherProcess = async (env: NodeJS.ProcessEnv = {}): Promise<Keyring> => {
    const db = await openDatabase(database);
    connections.push(db);
    return (await openKeyring({ db: db.db, dataDir: database.dataDir, env })).keyring;
  };
  const rotate = (input: { env?: NodeJS.ProcessEnv; newMasterKey?: string } = {}) =>
    adminRotateKeys({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, env: {}, ...input });
  const keyRows = async () =>
    (await openDatabase(database).then(async (db) => {
      connections.push(db);
      return db.db.selectFrom('workspace_keys').selectAll().orderBy('workspace_id').execute();
    })) ?? [];
  const keyFile = () => join(database.dataDir, 'master.key');

  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    for (const c of connections.splice(0)) await c.close();
    await database.drop();
  });

  it('re-wraps every data key under a new key file while a server keeps decrypting', async () => {
    const server = await start();
    const oldId = server.keyring.kekId;
    const oldFile = readFileSync(keyFile(), 'utf8');
    const cached = await server.keyring.encrypt('ws-cached', 'env:1:var:a', 'cached value');
    // Written by another process, so this server has never unwrapped that workspace's key.
    const other = await otherProcess();
    const uncached = await other.encrypt('ws-uncached', 'env:2:var:b', 'uncached value');

    const result = await rotate();
    expect(result).toMatchObject({ oldKekId: oldId, rewrapped: 2, source: 'file', keyFile: keyFile() });
    expect(result.newKekId).not.toBe(oldId);
    expect(readFileSync(keyFile(), 'utf8')).not.toBe(oldFile);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile()}.new`)).toBe(false);
    const rows = await keyRows();
    expect(rows.map((r) => r.kek_id)).toEqual([result.newKekId, result.newKekId]);
    expect(rows.every((r) => r.rotated_at !== null)).toBe(true);

    expect(await server.keyring.decrypt('ws-cached', 'env:1:var:a', cached)).toBe('cached value');
    expect(server.keyring.kekId).toBe(oldId);
    expect(await server.keyring.decrypt('ws-uncached', 'env:2:var:b', uncached)).toBe('uncached value');
    expect(server.keyring.kekId).toBe(result.newKekId);
    const fresh = await server.keyring.encrypt('ws-new', 'row', 'after rotation');
    expect((await keyRows()).find((r) => r.workspace_id === 'ws-new')?.kek_id).toBe(result.newKekId);

    await stop(server);
    const restarted = await start();
    expect(restarted.keyring.kekId).toBe(result.newKekId);
    expect(await restarted.keyring.decrypt('ws-cached', 'env:1:var:a', cached)).toBe('cached value');
    expect(await restarted.keyring.decrypt('ws-new', 'row', fresh)).toBe('after rotation');
  });

  it('keeps encrypting and decrypting while the rotation runs', async () => {
    const server = await start();
    const other = await otherProcess();
    const values = new Map<string, string>();
    for (let i = 0; i < 60; i++) values.set(`ws-${i}`, await other.encrypt(`ws-${i}`, 'row', `value ${i}`));
    const cached = await server.keyring.encrypt('ws-cached', 'row', 'cached');
    let done = false;
    const rotation = rotate().finally(() => {
      done = true;
    });
    let rounds = 0;
    while (!done) {
      expect(await server.keyring.decrypt('ws-cached', 'row', cached)).toBe('cached');
      const id = `ws-${rounds % 60}`;
      expect(await server.keyring.decrypt(id, 'row', values.get(id) ?? '')).toBe(`value ${rounds % 60}`);
      // Two SQLite connections in one thread cannot both hold write transactions; PostgreSQL can.
      if (kind === 'postgres')
        values.set(`new-${rounds}`, await server.keyring.encrypt(`new-${rounds}`, 'row', 'x'));
      rounds++;
    }
    const { newKekId } = await rotation;
    expect(rounds).toBeGreaterThan(0);
    expect(new Set((await keyRows()).map((r) => r.kek_id))).toEqual(new Set([newKekId]));
    const restarted = await otherProcess();
    for (const [id, text] of values) await restarted.decrypt(id, 'row', text);
  });

  it('a server that has not seen the rotation creates new workspace keys under the new key', async () => {
    const server = await start();
    await server.keyring.ensureKey('ws-1');
    const { newKekId } = await rotate();
    await server.keyring.ensureKey('ws-2');
    const rows = await keyRows();
    expect(rows.map((r) => [r.workspace_id, r.kek_id])).toEqual([
      ['ws-1', newKekId],
      ['ws-2', newKekId],
    ]);
  });

  it('with POSTERN_MASTER_KEY: takes the new key from the caller; old servers need a restart', async () => {
    const oldKey = newKey();
    const nextKey = newKey();
    const server = await start({ POSTERN_MASTER_KEY: oldKey });
    const cached = await server.keyring.encrypt('ws-1', 'row', 'kept readable');
    await expect(rotate({ env: { POSTERN_MASTER_KEY: oldKey } })).rejects.toThrow(
      /comes from POSTERN_MASTER_KEY: give the new key with --new-master-key-stdin/,
    );
    await expect(rotate({ env: { POSTERN_MASTER_KEY: oldKey }, newMasterKey: 'short' })).rejects.toThrow(
      /^the new master key \(standard input\) decodes to 3 bytes/,
    );
    await expect(rotate({ env: { POSTERN_MASTER_KEY: oldKey }, newMasterKey: oldKey })).rejects.toThrow(
      /the one already in use/,
    );
    const result = await rotate({ env: { POSTERN_MASTER_KEY: oldKey }, newMasterKey: nextKey });
    expect(result).toMatchObject({ source: 'env', rewrapped: 1 });
    expect(existsSync(keyFile())).toBe(false);

    expect(await server.keyring.decrypt('ws-1', 'row', cached)).toBe('kept readable');
    await expect(server.keyring.ensureKey('ws-2')).rejects.toThrow(
      /restart the server with the new POSTERN_MASTER_KEY/,
    );
    await stop(server);
    await expect(start({ POSTERN_MASTER_KEY: oldKey })).rejects.toThrow(
      /^the master key does not match this database/,
    );
    const restarted = await start({ POSTERN_MASTER_KEY: nextKey });
    expect(await restarted.keyring.decrypt('ws-1', 'row', cached)).toBe('kept readable');
  });

  it('refuses a wrong current key, and a leftover master.key.new', async () => {
    await (await start()).keyring.ensureKey('ws-1');
    await expect(rotate({ env: { POSTERN_MASTER_KEY: newKey() }, newMasterKey: newKey() })).rejects.toThrow(
      /^the master key does not match this database/,
    );
    writeFileSync(`${keyFile()}.new`, `${newKey()}\n`, { mode: 0o600 });
    const error = await rotate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toContain('master.key.new exists: another rotate-keys is running');
  });

  it('a start after a rotation interrupted before the file swap finishes the swap', async () => {
    const server = await start();
    const secret = await server.keyring.encrypt('ws-1', 'row', 'survives');
    await stop(server);
    const saved = `${keyFile()}.saved`;
    copyFileSync(keyFile(), saved);
    const { newKekId } = await rotate();
    // As if the process died after the commit and before renaming master.key.new over master.key.
    renameSync(keyFile(), `${keyFile()}.new`);
    renameSync(saved, keyFile());
    chmodSync(keyFile(), 0o600);
    const restarted = await start();
    expect(restarted.keyring.kekId).toBe(newKekId);
    expect(existsSync(`${keyFile()}.new`)).toBe(false);
    expect(await restarted.keyring.decrypt('ws-1', 'row', secret)).toBe('survives');
  });
});

describe('postern admin rotate-keys (black-box)', () => {
  it('rotates the key file, and exits 2 with a message on bad input', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const server = await startServer({
        version: 't',
        port: 0,
        dataDir: database.dataDir,
        env: {},
        log: () => {},
      });
      await server.keyring.ensureKey('ws-1');
      const before = server.keyring.kekId;
      await server.close();
      const run = (args: string[], input?: string) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--no-node-snapshot', BIN, 'admin', 'rotate-keys', ...args],
            {
              env: { ...process.env, POSTERN_DATABASE_URL: '', POSTERN_MASTER_KEY: '', NO_COLOR: '1' },
            },
          );
          child.stdin.end(input ?? '');
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            err += d;
          });
          child.on('exit', (code) => resolve({ code, out, err }));
        });
      const ok = await run(['--data-dir', database.dataDir]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toMatch(
        new RegExp(`^re-wrapped 1 workspace key\\(s\\) under master key [0-9a-f]{16} \\(was ${before}\\)\\n`),
      );
      expect(ok.out).toContain(`the new key is in ${join(database.dataDir, 'master.key')}`);
      const bad = await run(['--data-dir', database.dataDir, '--new-master-key-stdin'], 'not-a-key\n');
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^error: the new master key \(standard input\) decodes to \d+ bytes, not 32/);
    } finally {
      await database.drop();
    }
  });
});
