/**
 * Walks API.md as a new team would, against the real `postern serve` process on a fresh data
 * directory: first-run setup, an invitation by mail, sign-up, a team workspace, a collection
 * imported as v2.0 and exported as v2.1 that `postern run` runs, a secret environment variable
 * masked and revealed, the audit trail, an API key revoked. Then it looks for the planted secret
 * in every file of the data directory and in everything the server printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer as EchoServer, startEchoServer } from '../fixtures/echo/index.mjs';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'apps/cli/bin/postern.js');
const PASSWORD = 'a walk in the park with 12+ chars';
const PLANTED = 'sk_walk_PLANTED_9f8e7d6c5b4a3210';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field; a wrong shape fails
type Json = Record<string, any>;

let dataDir: string;
let server: ChildProcess;
let output = '';
let url = '';
let echo: EchoServer;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function outbox(): string[] {
  try {
    return readdirSync(join(dataDir, 'outbox'))
      .sort()
      .map((f) => readFileSync(join(dataDir, 'outbox', f), 'utf8'));
  } catch {
    return [];
  }
}

/** The mail's text with quoted-printable soft breaks undone. */
const unfold = (mail: string) => mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

async function mailTo(address: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = outbox()
      .map(unfold)
      .find((m) => m.includes(address) && pattern.test(m));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${address} matching ${pattern}`);
}

class Client {
  cookie = '';
  csrf = '';
  apiKey = '';
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.apiKey) headers['x-api-key'] = this.apiKey;
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const setCookie = res.headers.getSetCookie()[0];
    if (setCookie?.startsWith('postern_session=')) this.cookie = setCookie.split(';')[0]!;
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }
  async login(email: string) {
    const res = await this.call('POST', '/api/auth/login', { email, password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    this.csrf = res.body.csrfToken;
    return res.body;
  }
}

beforeAll(async () => {
  echo = await startEchoServer();
  dataDir = mkdtempSync(join(tmpdir(), 'postern-walk-'));
  server = spawn(
    process.execPath,
    ['--no-node-snapshot', BIN, 'serve', '--port', '0', '--data-dir', dataDir],
    {
      env: { ...process.env, POSTERN_DATABASE_URL: '', POSTERN_SMTP_URL: '', NO_COLOR: '1' },
    },
  );
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes('/setup?token=') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  expect(url, output).not.toBe('');
}, 40_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await echo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a new team walks the API (black-box, real server process)', () => {
  const admin = new Client();
  const dev = new Client();
  const ids: Record<string, string> = {};

  it('creates the first administrator through the one-time setup link', async () => {
    const token = new URL(/(http:\/\/\S+\/setup\?token=\S+)/.exec(output)![1]!).searchParams.get('token');
    const anon = new Client();
    const res = await anon.call('POST', '/api/setup', {
      token,
      email: 'admin@acme.test',
      name: 'Ada Admin',
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    const again = await anon.call('POST', '/api/setup', {
      token,
      email: 'x@acme.test',
      name: 'X',
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    const me = await admin.login('admin@acme.test');
    expect(me.user).toMatchObject({ email: 'admin@acme.test', isAdmin: true });
  });

  it('makes a team and invites a developer, who signs up with the invitation and verifies the email', async () => {
    const team = await admin.call('POST', '/api/teams', { team: { name: 'Acme' } });
    expect(team.status).toBe(201);
    ids.team = team.body.team.id;
    const invite = await admin.call('POST', `/api/teams/${ids.team}/invitations`, {
      email: 'dev@acme.test',
      role: 'developer',
    });
    expect(invite.status, JSON.stringify(invite.body)).toBeLessThan(300);
    const mail = await mailTo('dev@acme.test', /\/invitations\//);
    const invitation = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail)![1]!;

    const closed = await new Client().call('POST', '/api/auth/signup', {
      email: 'stranger@acme.test',
      password: PASSWORD,
      name: 'S',
    });
    expect(closed.status).toBe(403);
    const signup = await new Client().call('POST', '/api/auth/signup', {
      email: 'dev@acme.test',
      password: PASSWORD,
      name: 'Dee Dev',
      invitation,
    });
    expect(signup.status, JSON.stringify(signup.body)).toBe(201);
    const verify = await mailTo('dev@acme.test', /verify-email\?token=/);
    const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(verify)![1];
    expect((await new Client().call('POST', '/api/auth/verify-email', { token })).status).toBe(200);

    await dev.login('dev@acme.test');
    const accepted = await dev.call('POST', `/api/invitations/${invitation}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
    const teams = await dev.call('GET', '/api/teams');
    expect(teams.body.teams.map((t: Json) => t.id)).toContain(ids.team);
  });

  it('imports a v2.0 collection into a team workspace; the export is v2.1 and postern runs it', async () => {
    const ws = await admin.call('POST', '/api/workspaces', {
      workspace: { name: 'Payments', type: 'team', teamId: ids.team },
    });
    expect(ws.status, JSON.stringify(ws.body)).toBe(201);
    ids.workspace = ws.body.workspace.id;
    const source = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/collections/v20-format.postman_collection.json'), 'utf8'),
    );
    const created = await admin.call('POST', `/api/collections?workspace=${ids.workspace}`, {
      collection: source,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.collection = created.body.collection.id;

    const listed = await dev.call('GET', `/api/collections?workspace=${ids.workspace}`);
    expect(listed.status).toBe(200);
    expect(listed.body.collections.map((c: Json) => c.id)).toContain(ids.collection);

    const exported = await dev.call('GET', `/api/collections/${ids.collection}`);
    expect(exported.body.collection.info._postman_id).toBe(ids.collection);
    expect(exported.body.collection.info.schema).toContain('v2.1.0');
    const file = join(dataDir, '..', `walk-export-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(exported.body.collection));
    try {
      const run = await runCli([
        'run',
        file,
        '--env-var',
        `baseUrl=${echo.url}`,
        '-r',
        'json',
        '--reporter-json-export',
        `${file}.report.json`,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(`${file}.report.json`, 'utf8'));
      expect(report.run.stats.assertions.failed).toBe(0);
      expect(report.run.stats.assertions.total).toBeGreaterThan(0);
    } finally {
      rmSync(file, { force: true });
      rmSync(`${file}.report.json`, { force: true });
    }
  });

  it('keeps a secret variable masked, reveals it to the workspace admin, and audits the reveal', async () => {
    const env = await admin.call('POST', `/api/environments?workspace=${ids.workspace}`, {
      environment: {
        name: 'prod',
        values: [
          { key: 'apiToken', value: PLANTED, type: 'secret', enabled: true },
          { key: 'region', value: 'eu', type: 'default', enabled: true },
        ],
      },
    });
    expect(env.status, JSON.stringify(env.body)).toBe(201);
    ids.environment = env.body.environment.id;
    const read = await dev.call('GET', `/api/environments/${ids.environment}`);
    expect(read.status).toBe(200);
    const secret = read.body.environment.values.find((v: Json) => v.key === 'apiToken');
    expect(secret).toMatchObject({ value: null, masked: true });
    expect(JSON.stringify(read.body)).not.toContain(PLANTED);
    const revealed = await admin.call('GET', `/api/environments/${ids.environment}?reveal=true`);
    expect(revealed.status).toBe(200);
    expect(revealed.body.environment.values.find((v: Json) => v.key === 'apiToken').value).toBe(PLANTED);
  });

  it('shows the trail of all this to the administrator', async () => {
    const logs = await admin.call('GET', '/api/audit/logs?limit=300');
    expect(logs.status).toBe(200);
    const actions = new Set(logs.body.trails.map((t: Json) => t.action));
    for (const action of [
      'setup.admin_create',
      'user.login',
      'team.create',
      'workspace.create',
      'collection.create',
      'environment.create',
      'environment.secret_reveal',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(JSON.stringify(logs.body)).not.toContain(PLANTED);
  });

  it('issues an API key shown once, and a revoked key stops working at once', async () => {
    const made = await dev.call('POST', '/api/me/api-keys', { name: 'ci', scopes: ['collections:read'] });
    expect(made.status).toBe(201);
    const bot = new Client();
    bot.apiKey = made.body.apiKey.key;
    expect((await bot.call('GET', `/api/collections/${ids.collection}`)).status).toBe(200);
    expect((await bot.call('DELETE', `/api/collections/${ids.collection}`)).status).toBe(403);
    expect((await dev.call('DELETE', `/api/me/api-keys/${made.body.apiKey.id}`)).status).toBe(204);
    expect((await bot.call('GET', `/api/collections/${ids.collection}`)).status).toBe(401);
  });

  it('never wrote the planted secret to the data directory, the mail or the server output', async () => {
    server.kill('SIGTERM');
    expect(await new Promise((r) => server.once('exit', r))).toBe(0);
    const needles = [
      PLANTED,
      Buffer.from(PLANTED, 'utf16le').toString('latin1'),
      Buffer.from(PLANTED).toString('base64'),
    ];
    for (const file of files(dataDir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const needle of needles) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
    expect(output).not.toContain(PLANTED);
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
