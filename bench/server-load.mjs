// Server load benchmark (issue #3): authenticated GET /api/collections/:id and PUT (a collection
// update with its version and audit row), on SQLite and PostgreSQL, with autocannon.
//   node bench/server-load.mjs [--duration 10] [--connections 32] [--only sqlite|postgres]
//     [--postern path/to/postern.js]   (another build of the CLI, to compare two builds)
// The server runs as the real `postern serve` process; autocannon runs here. Besides req/s and
// latency, each phase reports the server process's own CPU time per request (from /proc, Linux
// only): it depends far less than req/s on what else the machine is running, and the load
// average before each phase is recorded for that reason too.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { POSTERN, ROOT, tempDir } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg('duration', 10));
const CONNECTIONS = Number(arg('connections', 32));
const ONLY = arg('only', undefined);
const CLI = arg('postern', POSTERN);
const PG_URL = process.env.POSTERN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench password that is long enough';

function sampleCollection(name) {
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: 10 }, (_, i) => ({
      name: `request ${i}`,
      request: {
        method: 'POST',
        url: `https://api.example.test/v1/things/${i}?page={{page}}`,
        header: [{ key: 'Content-Type', value: 'application/json' }],
        body: { mode: 'raw', raw: JSON.stringify({ index: i, text: 'x'.repeat(200) }) },
      },
      event: [
        { listen: 'test', script: { exec: ['pm.test("ok", () => pm.response.to.have.status(200));'] } },
      ],
    })),
  };
}

async function createPgDatabase() {
  const name = `postern_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startServer(dataDir, env) {
  const created = spawnSync(
    process.execPath,
    [
      '--no-node-snapshot',
      CLI,
      'admin',
      'create-user',
      '--email',
      'bench@example.test',
      '--password-stdin',
      '--admin',
      '--data-dir',
      dataDir,
    ],
    { input: PASSWORD, env, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`create-user failed: ${created.stderr}`);
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', CLI, 'serve', '--port', '0', '--data-dir', dataDir],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening on (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

async function json(url, init) {
  const res = await fetch(url, init);
  const body = await res.json();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status} ${JSON.stringify(body)}`);
  return { body, res };
}

async function prepare(url) {
  const login = await json(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', password: PASSWORD }),
  });
  const cookie = login.res.headers.getSetCookie()[0].split(';')[0];
  const session = { cookie, 'x-csrf-token': login.body.csrfToken, 'content-type': 'application/json' };
  const key = (
    await json(`${url}/api/me/api-keys`, {
      method: 'POST',
      headers: session,
      body: JSON.stringify({ name: 'bench' }),
    })
  ).body.apiKey.key;
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const ws = await json(`${url}/api/workspaces`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ workspace: { name: 'bench', type: 'personal' } }),
  });
  const col = await json(`${url}/api/collections?workspace=${ws.body.workspace.id}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ collection: sampleCollection('bench') }),
  });
  return { key, collectionId: col.body.collection.id };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU seconds (user + system) a process has used so far, or undefined off Linux. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Runs one autocannon phase against the server process `pid`; returns its summary. */
async function load(pid, opts) {
  const loadBefore = loadavg()[0];
  const cpuBefore = cpuSeconds(pid);
  const result = await new Promise((resolve, reject) => {
    autocannon({ ...opts, duration: DURATION, connections: CONNECTIONS }, (err, r) =>
      err ? reject(err) : resolve(r),
    );
  });
  const cpuAfter = cpuSeconds(pid);
  const total = result.requests.total;
  return {
    requestsPerSec: Math.round(result.requests.average),
    p99ms: result.latency.p99,
    p50ms: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors,
    total,
    serverCpuUsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || total === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) * 1e6) / total),
    loadAverageBefore: Math.round(loadBefore * 100) / 100,
  };
}

async function benchDatabase(kind) {
  const dataDir = tempDir();
  const pgDb = kind === 'postgres' ? await createPgDatabase() : undefined;
  const env = { ...process.env, POSTERN_DATABASE_URL: pgDb?.url ?? '' };
  if (!pgDb) delete env.POSTERN_DATABASE_URL;
  const server = await startServer(dataDir, env);
  try {
    const { key, collectionId } = await prepare(server.url);
    const url = `${server.url}/api/collections/${collectionId}`;
    const read = await load(server.pid, { url, headers: { 'x-api-key': key } });
    let n = 0;
    const write = await load(server.pid, {
      url,
      method: 'PUT',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      setupClient: () => {},
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ collection: sampleCollection(`bench ${++n}`) }),
          }),
        },
      ],
    });
    return { read, write };
  } finally {
    await server.stop();
    await pgDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  durationS: DURATION,
  connections: CONNECTIONS,
  cpus: cpus().length,
  postern: CLI,
};
for (const kind of ['sqlite', 'postgres']) {
  if (ONLY && ONLY !== kind) continue;
  results[kind] = await benchDatabase(kind);
  process.stderr.write(`${kind}: ${JSON.stringify(results[kind])}\n`);
}
const out = JSON.stringify(results, null, 2);
process.stdout.write(`${out}\n`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results', `server-${results.date.slice(0, 19).replace(/:/g, '')}.json`), out);
