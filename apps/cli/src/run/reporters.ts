/**
 * Reporter selection and fan-out: `-r cli,json` names → factories (built in, or an installed
 * `postern-reporter-<name>` package) → one RunListener that forwards each event to every reporter.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  reporters as builtInReporters,
  getReporter,
  type Reporter,
  type ReporterContext,
  type ReporterFactory,
  type ReporterOptions,
} from '@postern/reporters';
import { type RunListener, STREAMED_EVENT_NAMES } from '@postern/runtime';
import { CliError } from '../errors.ts';

export interface NamedFactory {
  name: string;
  factory: ReporterFactory;
}

export interface NamedReporter {
  name: string;
  reporter: Reporter;
}

/**
 * Finds the factory of every selected reporter, before any file is loaded, so a typo in `-r` fails
 * fast. Unknown names → `CliError('UNKNOWN_REPORTER')` (exit 2).
 *
 * @example
 * const factories = await resolveReporters(['cli', 'json'], process.cwd());
 */
export async function resolveReporters(names: readonly string[], cwd: string): Promise<NamedFactory[]> {
  const resolved: NamedFactory[] = [];
  for (const name of names) {
    const factory = getReporter(name) ?? (await importExternalReporter(name, cwd));
    if (!factory) {
      throw new CliError('UNKNOWN_REPORTER', { name, available: Object.keys(builtInReporters) });
    }
    resolved.push({ name, factory });
  }
  return resolved;
}

/**
 * `-r foo` loads the npm package `postern-reporter-foo` (`-r @acme/foo` → `@acme/postern-reporter-foo`)
 * installed next to the user's project, whose default export is a ReporterFactory.
 */
async function importExternalReporter(name: string, cwd: string): Promise<ReporterFactory | undefined> {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const packageName =
    slash === -1
      ? `postern-reporter-${name}`
      : `${name.slice(0, slash + 1)}postern-reporter-${name.slice(slash + 1)}`;
  let entry: string;
  try {
    entry = createRequire(join(cwd, 'package.json')).resolve(packageName);
  } catch {
    return undefined;
  }
  const loaded: unknown = await import(pathToFileURL(entry).href);
  const candidate =
    (loaded as { default?: unknown; reporter?: unknown }).default ??
    (loaded as { reporter?: unknown }).reporter;
  return typeof candidate === 'function' ? (candidate as ReporterFactory) : undefined;
}

/**
 * Creates the reporters, giving each its own options.
 *
 * @example
 * const reporters = createReporters(factories, { json: { export: 'out.json' } }, context);
 */
export function createReporters(
  factories: readonly NamedFactory[],
  options: Readonly<Record<string, ReporterOptions>>,
  context: ReporterContext,
): NamedReporter[] {
  return factories.map(({ name, factory }) => ({ name, reporter: factory(options[name] ?? {}, context) }));
}

type StreamedEvent = Exclude<keyof RunListener, 'done'>;

const STREAMED_EVENTS: readonly StreamedEvent[] = STREAMED_EVENT_NAMES;

export interface FannedOut {
  listener: RunListener;
  /** The first reporter failure in `done`, if any (kept, not thrown, so the runner is not disturbed). */
  doneFailure(): CliError | undefined;
}

/**
 * One listener for several reporters. Only events some reporter handles are defined, and a single
 * handler is passed through unwrapped, so the runner skips the rest at no cost. `done` awaits every
 * reporter; a failure there is kept for the caller to report once the run has ended.
 *
 * @example
 * const { listener, doneFailure } = fanOut(reporters);
 * await run(runOptions, listener);
 */
export function fanOut(reporters: readonly NamedReporter[]): FannedOut {
  const combined: Record<string, unknown> = {};
  for (const event of STREAMED_EVENTS) {
    const handlers: Array<(payload: unknown) => void> = [];
    for (const { reporter } of reporters) {
      const handler = reporter[event] as ((payload: unknown) => void) | undefined;
      if (handler) handlers.push(handler.bind(reporter));
    }
    if (handlers.length === 1) combined[event] = handlers[0];
    else if (handlers.length > 1) {
      combined[event] = (payload: unknown) => {
        for (const handler of handlers) handler(payload);
      };
    }
  }
  let failure: CliError | undefined;
  const finishers = reporters.filter(({ reporter }) => reporter.done);
  if (finishers.length > 0) {
    combined.done = async (event: Parameters<NonNullable<RunListener['done']>>[0]) => {
      const results = await Promise.allSettled(finishers.map(async ({ reporter }) => reporter.done?.(event)));
      failure ??= firstFailure(results, finishers);
    };
  }
  return { listener: combined as RunListener, doneFailure: () => failure };
}

/**
 * Awaits every reporter's `close()` (they flush files there).
 *
 * @example
 * await closeReporters(reporters);
 */
export async function closeReporters(reporters: readonly NamedReporter[]): Promise<void> {
  const closers = reporters.filter(({ reporter }) => reporter.close);
  const results = await Promise.allSettled(closers.map(async ({ reporter }) => reporter.close?.()));
  const failure = firstFailure(results, closers);
  if (failure) throw failure;
}

function firstFailure(
  results: readonly PromiseSettledResult<unknown>[],
  owners: readonly NamedReporter[],
): CliError | undefined {
  const index = results.findIndex((result) => result.status === 'rejected');
  const result = results[index];
  if (result?.status !== 'rejected') return undefined;
  const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
  return new CliError('REPORTER_FAILED', { name: owners[index]?.name ?? 'unknown', reason });
}
