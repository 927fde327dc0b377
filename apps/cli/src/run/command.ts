/**
 * `postern run`: validated flags → loaded files → reporters → run() → exports → exit code.
 */
import { resolve } from 'node:path';
import type { Collection, VariableDefinition, VariableList } from '@postern/collection';
import type { ReporterContext } from '@postern/reporters';
import {
  AllowedDomainsError,
  FolderNotFoundError,
  type RunOptions,
  type RunSummary,
  run,
} from '@postern/runtime';
import type { StartedSandbox } from '@postern/runtime/sandbox';
import { createRedactor, type NamedSecret } from '@postern/secrets/runtime';
import pc from 'picocolors';
import { CliError, describeFailure, EXIT_CODE, type ExitCode } from '../errors.ts';
import { batchOutput } from './batched-output.ts';
import { writeExports } from './exports.ts';
import { deferOptimisingCompiler } from './jit-tuning.ts';
import { loadBinaryFile, loadCollection, loadIterationData, loadVariableList } from './load.ts';
import type { ColorMode, KeyValue, RunCliOptions } from './options.ts';
import { closeReporters, createReporters, fanOut, resolveReporters } from './reporters.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  cwd: string;
  /** Aborts the run (Ctrl-C); reporters still get `done` with what ran. */
  signal?: AbortSignal;
  /** The script sandbox, started early (see sandbox-start.ts); the run takes it over. */
  sandbox?: StartedSandbox;
}

interface LoadedInputs {
  collection: Collection;
  environment?: VariableList;
  globals?: VariableList;
  iterationData?: Array<Record<string, unknown>>;
  sslClientCert?: Buffer;
  sslClientKey?: Buffer;
  sslExtraCaCerts?: Buffer;
}

/**
 * Runs a collection as `newman run` does and returns the process exit code: 0 no failures, 1
 * failures or a fatal run error (0 with `-x`), 2 bad input (thrown as `CliError` before the run).
 *
 * @example
 * const code = await runCommand(parseRunArgv(['c.json', '-e', 'dev.json']), {
 *   stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(),
 * });
 */
export async function runCommand(options: RunCliOptions, io: CommandIo): Promise<ExitCode> {
  try {
    return await runWithInputs(options, io);
  } finally {
    // The sandbox's isolate may still be booting on its own thread (bad input ends the command
    // early; a run without scripts does not wait for it): exiting under it would crash.
    await io.sandbox?.close();
  }
}

async function runWithInputs(options: RunCliOptions, io: CommandIo): Promise<ExitCode> {
  const factories = await resolveReporters(options.reporters, io.cwd);
  warnAboutIgnoredFlags(options, io);
  const inputs = await loadInputs(options);

  // Only the CLI process hands over a started sandbox; it is also the one whose V8 flags may change.
  if (io.sandbox) {
    const iterations = Math.max(1, options.iterationCount ?? (inputs.iterationData?.length || 1));
    deferOptimisingCompiler(inputs.collection, iterations, io.sandbox.sandbox);
  }
  const secrets = collectSecrets(inputs, options);
  const redact = createRedactor(secrets);
  // Reporters' lines reach a file or pipe in one write per event-loop turn (see batched-output.ts).
  const output = batchOutput(io.stdout);
  const context: ReporterContext = {
    collection: inputs.collection,
    environment: inputs.environment,
    globals: inputs.globals,
    redact,
    redactsNothing: secrets.length === 0,
    stdout: output.stream,
    color: resolveColor(options.color, io.stdout),
    silent: options.silent,
    verbose: options.verbose,
    disableUnicode: options.disableUnicode,
    // Newman resolves reporter exports against the process's directory, not --working-dir.
    cwd: io.cwd,
  };
  const reporters = createReporters(factories, options.reporterOptions, context);
  const { listener, doneFailure } = fanOut(reporters);

  const failures: unknown[] = [];
  let summary: RunSummary | undefined;
  try {
    summary = await run(
      { ...toRunOptions(options, inputs, io.cwd), signal: io.signal, sandbox: io.sandbox },
      listener,
    );
  } catch (error) {
    if (error instanceof AllowedDomainsError) {
      await closeReporters(reporters).catch(() => {});
      await output.flush();
      const files = {
        globals: options.globals,
        collection: options.collection,
        environment: options.environment,
      };
      throw new CliError('INVALID_DOCUMENT', {
        what: error.scopeName === 'collection' ? 'collection' : `${error.scopeName} file`,
        location: files[error.scopeName] ?? error.scopeName,
        problem: error.message,
      });
    }
    if (error instanceof FolderNotFoundError) {
      await closeReporters(reporters).catch(() => {});
      await output.flush();
      throw new CliError('FOLDER_NOT_FOUND', { folder: error.folder, location: options.collection });
    }
    failures.push(
      new CliError('RUN_FAILED', { reason: redact(error instanceof Error ? error.message : String(error)) }),
    );
  }
  if (summary) {
    await writeExports(options, summary, inputs.collection, io.cwd, redact).catch((error: unknown) =>
      failures.push(error),
    );
  }
  const failedDone = doneFailure();
  if (failedDone) failures.push(failedDone);
  await closeReporters(reporters).catch((error: unknown) => failures.push(error));
  await output.flush();

  for (const failure of failures) io.stderr.write(`${describeFailure(failure).text}\n`);
  const failed = failures.length > 0 || !summary || summary.failureCount > 0 || summary.error !== undefined;
  return failed && !options.suppressExitCode ? EXIT_CODE.failures : EXIT_CODE.ok;
}

/**
 * Loads every input at once; when several are bad, the first in command-line order is reported.
 * Relative paths are read from the process's current directory, as in Newman (not --working-dir).
 */
async function loadInputs(options: RunCliOptions): Promise<LoadedInputs> {
  const optional = <T>(path: string | undefined, load: (location: string) => Promise<T>) =>
    path === undefined ? Promise.resolve(undefined) : load(path);
  const settled = await Promise.allSettled([
    loadCollection(options.collection),
    optional(options.environment, (l) => loadVariableList(l, 'environment')),
    optional(options.globals, (l) => loadVariableList(l, 'globals')),
    optional(options.iterationData, loadIterationData),
    optional(options.sslClientCert, (l) => loadBinaryFile({ what: 'SSL client certificate', location: l })),
    optional(options.sslClientKey, (l) => loadBinaryFile({ what: 'SSL client key', location: l })),
    optional(options.sslExtraCaCerts, (l) => loadBinaryFile({ what: 'extra CA certificates', location: l })),
  ] as const);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  const value = <T>(result: PromiseSettledResult<T>): T => (result as PromiseFulfilledResult<T>).value;
  return {
    collection: value(settled[0]),
    environment: value(settled[1]),
    globals: value(settled[2]),
    iterationData: value(settled[3]),
    sslClientCert: value(settled[4]),
    sslClientKey: value(settled[5]),
    sslExtraCaCerts: value(settled[6]),
  };
}

function toRunOptions(options: RunCliOptions, inputs: LoadedInputs, cwd: string): RunOptions {
  const pairs = (list: KeyValue[]) => list.map(({ key, value }) => ({ key, value: value ?? '' }));
  return {
    collection: inputs.collection,
    environment: inputs.environment,
    globals: inputs.globals,
    iterationData: inputs.iterationData,
    iterationCount: options.iterationCount,
    folder: options.folder.length > 0 ? options.folder : undefined,
    envVar: options.envVar.length > 0 ? pairs(options.envVar) : undefined,
    globalVar: options.globalVar.length > 0 ? pairs(options.globalVar) : undefined,
    delayRequest: options.delayRequest,
    timeout: options.timeout,
    timeoutRequest: options.timeoutRequest,
    timeoutScript: options.timeoutScript,
    insecure: options.insecure,
    ignoreRedirects: options.ignoreRedirects,
    sslClientCert: inputs.sslClientCert,
    sslClientKey: inputs.sslClientKey,
    sslClientPassphrase: options.sslClientPassphrase,
    sslExtraCaCerts: inputs.sslExtraCaCerts,
    bail: options.bail,
    parallel: options.parallel,
    workingDir: resolve(cwd, options.workingDir ?? '.'),
  };
}

/**
 * Every `secret`-typed variable of the environment, globals and collection, plus the values that
 * `--env-var`/`--global-var` give those same names.
 */
function collectSecrets(inputs: LoadedInputs, options: RunCliOptions): NamedSecret[] {
  const secrets: NamedSecret[] = [];
  const secretNames = new Set<string>();
  const scan = (variables: readonly VariableDefinition[] | undefined) => {
    for (const variable of variables ?? []) {
      if (variable.type !== 'secret') continue;
      secretNames.add(variable.key);
      if (variable.value !== undefined && variable.value !== null) {
        secrets.push({ name: variable.key, value: String(variable.value) });
      }
    }
  };
  scan(inputs.environment?.values);
  scan(inputs.globals?.values);
  scan(inputs.collection.variable);
  for (const { key, value } of [...options.envVar, ...options.globalVar]) {
    if (value !== undefined && secretNames.has(key)) secrets.push({ name: key, value });
  }
  return secrets;
}

function resolveColor(mode: ColorMode, stdout: CommandIo['stdout']): boolean {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  return pc.isColorSupported && stdout.isTTY === true;
}

/** Flags Newman has that the runner does not implement yet: accepted, and said so. */
function warnAboutIgnoredFlags(options: RunCliOptions, io: CommandIo): void {
  if (options.silent) return;
  const ignored: string[] = [];
  if (options.cookieJar) ignored.push('--cookie-jar');
  if (options.exportCookieJar) ignored.push('--export-cookie-jar');
  if (options.sslClientCertList) ignored.push('--ssl-client-cert-list');
  if (options.postmanApiKey) ignored.push('--postman-api-key');
  if (!options.insecureFileRead) ignored.push('--no-insecure-file-read');
  for (const flag of ignored) io.stderr.write(`warning: ${flag} is not supported yet and was ignored\n`);
}
