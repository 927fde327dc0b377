// Shared helpers for the benchmarks: the echo server in its own process, timed child processes,
// peak-memory sampling and collection generators. Plain ESM so `node bench/run.mjs` needs no build.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const POSTERN = join(ROOT, 'apps/cli/bin/postern.js');
export const NEWMAN = join(ROOT, 'node_modules/newman/bin/newman.js');
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/**
 * Node flags each tool is started with, as its own bin starts it: postern's shebang adds
 * --no-node-snapshot (isolated-vm needs it; it costs Node ~60 ms of startup), newman's adds nothing.
 */
export function nodeFlags(tool) {
  return tool === 'postern' ? ['--no-node-snapshot'] : [];
}

/**
 * The environment both tools run in. NODE_EXTRA_CA_CERTS is left out unless `--inherit-env` is
 * given: Node parses that certificate bundle as every process starts, before any of either tool's
 * code runs (~80 ms per start on a machine that points it at the system's 140-certificate bundle),
 * and the benchmarks only talk plain HTTP to 127.0.0.1.
 */
export const INHERIT_ENV = process.argv.includes('--inherit-env');
export const TOOL_ENV = INHERIT_ENV
  ? process.env
  : Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_EXTRA_CA_CERTS'));

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'postern-bench-'));
}

/**
 * Sends `count` sequential keep-alive GETs: a fresh echo server answers its first few hundred
 * requests several times slower (its own JIT warming up), which the first tool timed would pay.
 */
async function warmUp(baseUrl, count) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (let i = 0; i < count; i++) {
      await new Promise((resolve, reject) => {
        http
          .get(`${baseUrl}/get?warm=${i}`, { agent }, (res) => res.resume().on('end', resolve))
          .on('error', reject);
      });
    }
  } finally {
    agent.destroy();
  }
}

/** Starts the echo fixture in a child process (so it does not share a core with the runner). */
export async function startEcho() {
  const child = spawn(process.execPath, [join(ROOT, 'test/fixtures/echo/cli.mjs'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  const { baseUrl } = JSON.parse(line);
  await warmUp(baseUrl, 1000);
  return { url: baseUrl, stop: () => child.kill('SIGTERM') };
}

/**
 * Runs a command to completion; returns wall time (ms), exit code and peak RSS (MB, from
 * /proc/<pid>/status VmHWM sampled until exit, plus RSS samples over time for flatness).
 */
export function timed(cmd, args, { sampleMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: TOOL_ENV });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let peak = 0;
    const samples = [];
    const read = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        peak = Math.max(peak, hwm);
        if (sampleMs) samples.push(Math.round(rss));
      } catch {
        // the process has exited between samples
      }
    };
    const timer = setInterval(read, sampleMs || 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ ms, code, peakMb: Math.round(peak), samples, stderr });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `run` arguments of the workload as the benchmarks time it: the CLI and JSON reporters. */
export function workloadRunArgs(collection, env, jsonReport) {
  return ['run', collection, '-e', env, '-r', 'cli,json', '--reporter-json-export', jsonReport];
}

/** A collection of `count` GETs, each with two tests and an environment write (issue #2's workload). */
export function workloadCollection(count) {
  const item = [];
  for (let i = 0; i < count; i++) {
    item.push({
      name: `request ${i}`,
      request: { method: 'GET', url: `{{baseUrl}}/get?i=${i}` },
      event: [
        {
          listen: 'test',
          script: {
            exec: [
              "pm.test('status is 200', function () { pm.response.to.have.status(200); });",
              `pm.test('echoes i', function () { pm.expect(pm.response.json().args.i).to.eql('${i}'); });`,
              `pm.environment.set('last', ${i});`,
            ],
          },
        },
      ],
    });
  }
  return { info: { name: `workload-${count}`, schema: SCHEMA }, item };
}

/** One GET with one test. */
export function singleRequestCollection() {
  return {
    info: { name: 'single', schema: SCHEMA },
    item: [
      {
        name: 'one',
        request: { method: 'GET', url: '{{baseUrl}}/get' },
        event: [
          { listen: 'test', script: { exec: ["pm.test('ok', () => pm.response.to.have.status(200));"] } },
        ],
      },
    ],
  };
}

export function writeJson(dir, name, value) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

export function environment(baseUrl) {
  return { name: 'bench', values: [{ key: 'baseUrl', value: baseUrl, type: 'default', enabled: true }] };
}
