// Runs one case under Newman (programmatic API, the reference) or under `postern run` (the CLI, as
// users call it) and reduces both to the same NormalisedResult for `expect(postern).toEqual(newman)`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeDocument } from '@postern/collection';
import { normaliseRun, secretKeysOf } from './normalise.ts';
import type { CaseSpec, EchoUrls, NormalisedResult } from './types.ts';

export type { CaseSpec, EchoUrls, NormalisedResult } from './types.ts';

const repoRoot = join(import.meta.dirname, '../..');
const posternBin = join(repoRoot, 'apps/cli/bin/postern.js');
const POSTERN_TIMEOUT_MS = 120_000;

interface NewmanSummary {
  run: { error?: unknown; failures: unknown[] };
}
interface NewmanModule {
  run(
    options: Record<string, unknown>,
    callback: (err: Error | null, summary: NewmanSummary) => void,
  ): unknown;
}

const newman = createRequire(import.meta.url)('newman') as NewmanModule;

/** Output files of one run, in a private temp dir removed afterwards. */
function outputFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'postern-conformance-'));
  return {
    report: join(dir, 'report.json'),
    environment: join(dir, 'environment.json'),
    globals: join(dir, 'globals.json'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  return text.trim() === '' ? undefined : JSON.parse(text);
}

/** The secret-typed variable names of a case's environment and globals files. */
function secretKeysFor(spec: CaseSpec): Set<string> {
  // Input files may carry a BOM or be UTF-16 (Newman's corpus tests exactly that).
  const read = (path: string | undefined): unknown => {
    if (!path) return undefined;
    try {
      return JSON.parse(decodeDocument(readFileSync(resolve(spec.workingDir ?? repoRoot, path))));
    } catch {
      return undefined;
    }
  };
  return secretKeysOf(read(spec.environment), read(spec.globals));
}

/** `--env-var`s for a case: the echo origins (unless opted out) then the case's own. */
export function envVarsFor(spec: CaseSpec, urls: EchoUrls): Record<string, string> {
  const echoVars: Record<string, string> =
    spec.injectEchoVars === false
      ? {}
      : {
          baseUrl: urls.baseUrl,
          httpsUrl: urls.httpsUrl,
          mtlsUrl: urls.mtlsUrl,
          expiredUrl: urls.expiredUrl,
          rawUrl: urls.rawUrl,
          redirectUrl: urls.redirectUrl,
          closedUrl: urls.closedUrl,
        };
  return { ...echoVars, ...spec.envVars };
}

const toKeyValues = (vars: Record<string, string> | undefined) =>
  Object.entries(vars ?? {}).map(([key, value]) => ({ key, value }));

/**
 * Runs the case with Newman's programmatic API; exitCode is what `newman run` would exit with.
 *
 * @example const newmanResult = await runNewman(spec, echo.urls);
 */
export async function runNewman(spec: CaseSpec, urls: EchoUrls): Promise<NormalisedResult> {
  const out = outputFiles();
  try {
    const options: Record<string, unknown> = {
      collection: spec.collection,
      environment: spec.environment,
      globals: spec.globals,
      iterationData: spec.iterationData,
      iterationCount: spec.iterationCount,
      folder: spec.folder,
      insecure: spec.insecure,
      ignoreRedirects: spec.ignoreRedirects,
      bail: spec.bail,
      timeout: spec.timeout,
      timeoutRequest: spec.timeoutRequest,
      timeoutScript: spec.timeoutScript,
      delayRequest: spec.delayRequest,
      sslClientCert: spec.sslClientCert,
      sslClientKey: spec.sslClientKey,
      sslClientPassphrase: spec.sslClientPassphrase,
      sslExtraCaCerts: spec.sslExtraCaCerts,
      envVar: toKeyValues(envVarsFor(spec, urls)),
      globalVar: toKeyValues(spec.globalVars),
      workingDir: spec.workingDir,
      reporters: ['json'],
      reporter: { json: { export: out.report } },
      exportEnvironment: out.environment,
      exportGlobals: out.globals,
    };
    for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
    const exitCode = await new Promise<number>((resolve) => {
      newman.run(options, (err, summary) => {
        const failed = err || summary?.run.error || (summary?.run.failures.length ?? 0) > 0;
        resolve(failed ? 1 : 0);
      });
    });
    return normaliseRun(
      readJson(out.report),
      readJson(out.environment),
      readJson(out.globals),
      exitCode,
      secretKeysFor(spec),
    );
  } finally {
    out.dispose();
  }
}

/** Newman-CLI flags for a case (postern accepts the same ones). */
export function cliArgsFor(spec: CaseSpec, urls: EchoUrls): string[] {
  const args: string[] = [spec.collection];
  const flag = (name: string, value: string | number | undefined) => {
    if (value !== undefined) args.push(name, String(value));
  };
  flag('--environment', spec.environment);
  flag('--globals', spec.globals);
  flag('--iteration-data', spec.iterationData);
  flag('--iteration-count', spec.iterationCount);
  for (const folder of spec.folder ?? []) flag('--folder', folder);
  if (spec.insecure) args.push('--insecure');
  if (spec.ignoreRedirects) args.push('--ignore-redirects');
  if (spec.bail) args.push('--bail');
  flag('--timeout', spec.timeout);
  flag('--timeout-request', spec.timeoutRequest);
  flag('--timeout-script', spec.timeoutScript);
  flag('--delay-request', spec.delayRequest);
  flag('--ssl-client-cert', spec.sslClientCert);
  flag('--ssl-client-key', spec.sslClientKey);
  flag('--ssl-client-passphrase', spec.sslClientPassphrase);
  flag('--ssl-extra-ca-certs', spec.sslExtraCaCerts);
  for (const [key, value] of Object.entries(envVarsFor(spec, urls))) flag('--env-var', `${key}=${value}`);
  for (const [key, value] of Object.entries(spec.globalVars ?? {})) flag('--global-var', `${key}=${value}`);
  flag('--working-dir', spec.workingDir);
  return args;
}

/**
 * Runs the case through `postern run … -r json` and normalises its files like Newman's.
 * Throws (with stderr) when postern wrote no report at all, so a crash reads as a crash —
 * unless the case expects the run to abort.
 *
 * @example const posternResult = await runPostern(spec, echo.urls);
 */
export async function runPostern(spec: CaseSpec, urls: EchoUrls): Promise<NormalisedResult> {
  const out = outputFiles();
  try {
    const args = [
      posternBin,
      'run',
      ...cliArgsFor(spec, urls),
      '--reporters',
      'json',
      '--reporter-json-export',
      out.report,
      '--export-environment',
      out.environment,
      '--export-globals',
      out.globals,
    ];
    const { code, stderr } = await spawnNode(args, spec.workingDir ?? repoRoot);
    const report = readJson(out.report);
    if (report === undefined && !spec.expect?.aborted) {
      throw new Error(`postern wrote no JSON report (exit ${code}).\n${stderr.slice(0, 4000)}`);
    }
    return normaliseRun(report, readJson(out.environment), readJson(out.globals), code, secretKeysFor(spec));
  } finally {
    out.dispose();
  }
}

function spawnNode(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), POSTERN_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 137 : 1), stderr });
    });
  });
}
