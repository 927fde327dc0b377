import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'postern-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function spawnPostern(args: string[], input?: string) {
  const child = spawn(process.execPath, ['--no-node-snapshot', BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', POSTERN_DATABASE_URL: '' },
  });
  if (input !== undefined) child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('postern serve and admin (black-box)', () => {
  it('starts on SQLite, prints its URL and a setup link, answers health, stops on SIGTERM', async () => {
    const p = spawnPostern(['serve', '--port', '0', '--data-dir', dataDir]);
    const deadline = Date.now() + 20_000;
    while (!p.out().includes('/setup?token=') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/[^\s]+)/.exec(p.out())?.[1];
    expect(url, p.out() + p.err()).toBeDefined();
    expect(p.out()).toMatch(/\/setup\?token=[A-Za-z0-9_-]{43}/);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('creates an administrator from the shell, then the server prints no setup link', async () => {
    const created = spawnPostern(
      [
        'admin',
        'create-user',
        '--email',
        'Ops@Example.com',
        '--password-stdin',
        '--admin',
        '--data-dir',
        dataDir,
      ],
      'a long enough passphrase\n',
    );
    expect(await created.exited).toBe(0);
    expect(created.out()).toContain('created administrator ops@example.com');

    const weak = spawnPostern(
      ['admin', 'create-user', '--email', 'x@example.com', '--password-stdin', '--data-dir', dataDir],
      'short\n',
    );
    expect(await weak.exited).toBe(2);
    expect(weak.err()).toContain('at least 12 characters');

    const p = spawnPostern(['serve', '--port', '0', '--data-dir', dataDir]);
    const deadline = Date.now() + 20_000;
    while (!p.out().includes('listening') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(p.out()).not.toContain('/setup?token=');
    p.child.kill('SIGTERM');
    await p.exited;
  });
});
