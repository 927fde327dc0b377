import { type VariableDefinition, VariableScope } from '@postern/collection';
import type { Cursor, RunError, RunListener, RunSummary } from '../events.ts';
import { createCookieJar } from '../http/cookies.ts';
import type { TlsOptions } from '../http/types.ts';
import { uuidV4 } from '../random.ts';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox, ScriptSession } from '../sandbox/types.ts';
import { chainEgressGuards, secretEgressGuard } from './egress.ts';
import { RunEmitter } from './emitter.ts';
import { executeItem, type ItemRunContext } from './execute-item.ts';
import { flattenItems, type RunnableItem } from './items.ts';
import type { RunOptions } from './options.ts';
import type { ExchangeContext } from './request.ts';
import type { RunScopes } from './scopes.ts';
import { createScriptHost, jarCookiesFor } from './script-host.ts';
import { StatsTracker } from './stats.ts';

/** Postern's default CPU limit per script (Newman has none, so an infinite loop hangs it). */
const DEFAULT_SCRIPT_TIMEOUT_MS = 5_000;
/**
 * With --parallel, how many iterations per lane may run ahead of the one whose events are being
 * delivered (their events are buffered until then).
 */
const PARALLEL_WINDOW_PER_LANE = 4;
/** Sent unless the request sets its own User-Agent (POSTMAN-COMPAT: Postern names itself). */
const DEFAULT_USER_AGENT = 'Postern/0.1.0';

/**
 * Runs a collection: iterations × items, scripts in the sandbox, requests over HTTP, events to the
 * listener as they happen. Resolves with the summary when the run ends (also passed to `done`).
 * Throws before starting only for invalid options (e.g. `--folder` naming nothing).
 *
 * @example
 * const summary = await run({ collection, environment, iterationCount: 2 }, { assertion: (e) => log(e) });
 * process.exitCode = summary.failureCount > 0 ? 1 : 0;
 */
export async function run(options: RunOptions, listener: RunListener): Promise<RunSummary> {
  const items = flattenItems(options.collection, options.folder);
  const hasScripts = items.some((r) => r.prerequest.length > 0 || r.test.length > 0);
  const data = options.iterationData ?? [];
  const iterationCount = Math.max(1, options.iterationCount ?? (data.length || 1));
  const scopes = initialScopes(options);
  const checkEgress = chainEgressGuards(secretEgressGuard(scopes), options.egressGuard);
  const stats = new StatsTracker();
  const emitter = new RunEmitter(listener, stats);
  const cookieJar = createCookieJar();
  const abort = new AbortController();
  let stopped = false;
  // The caller's abort ends the run, not just the request in flight.
  const onCallerAbort = (): void => {
    stopped = true;
    abort.abort(options.signal?.reason);
  };
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let sandbox: Promise<Sandbox> | undefined = options.sandbox?.sandbox;
  const getSandbox = () => {
    sandbox ??= createSandbox({ timeoutMs: options.timeoutScript || DEFAULT_SCRIPT_TIMEOUT_MS });
    return sandbox;
  };
  /** The session the caller started with its sandbox, for the first lane that needs one. */
  let startedSession = options.sandbox?.session;
  const newSession = (): Promise<ScriptSession> => {
    const started = startedSession;
    startedSession = undefined;
    return started ?? getSandbox().then((s) => s.createSession());
  };

  const exchangeCtx: ExchangeContext = {
    workingDir: options.workingDir ?? process.cwd(),
    ...(options.insecureFileRead === false ? { insecureFileRead: false } : {}),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    send: {
      tls: tlsOptions(options),
      timeout: options.timeoutRequest,
      cookieJar,
      signal: abort.signal,
      checkEgress,
    },
    ...(options.ignoreRedirects ? { followRedirects: false } : {}),
  };
  const idIndex = new Map<string, number>();
  const nameIndex = new Map<string, number>();
  items.forEach((r, i) => {
    if (!idIndex.has(r.item.id)) idIndex.set(r.item.id, i);
    if (!nameIndex.has(r.item.name)) nameIndex.set(r.item.name, i);
  });

  let runError: RunError | undefined;
  const timer =
    options.timeout && options.timeout > 0
      ? setTimeout(() => {
          runError = { name: 'Error', message: 'callback timed out' };
          stopped = true;
          abort.abort();
        }, options.timeout)
      : undefined;
  const bail = options.bail === true || (Array.isArray(options.bail) && options.bail.includes('failure'));

  const baseCursor = (iteration: number, position: number): Cursor => ({
    position,
    iteration,
    length: items.length,
    cycles: iterationCount,
    ref: uuidV4(),
  });

  const runIteration = async (ctx: ItemRunContext, iteration: number): Promise<void> => {
    const sink = emitter.sink(iteration);
    const row = data.length > 0 ? (data[Math.min(iteration, data.length - 1)] ?? {}) : {};
    sink.emit('beforeIteration', { cursor: baseCursor(iteration, 0) });
    sink.begin('iterations');
    let position = 0;
    while (position < items.length && !stopped) {
      // Newman waits before every item, the first one and those of later iterations included.
      if (options.delayRequest) {
        await sleep(options.delayRequest, abort.signal);
        if (stopped) break;
      }
      const runnable = items[position] as RunnableItem;
      const outcome = await executeItem(ctx, sink, runnable, baseCursor(iteration, position), row);
      if (outcome.failed && bail) stopped = true;
      if (outcome.nextRequest === undefined) {
        position += 1;
        continue;
      }
      const target =
        outcome.nextRequest === null
          ? undefined
          : (idIndex.get(outcome.nextRequest) ?? nameIndex.get(outcome.nextRequest));
      if (target === undefined) break;
      position = target;
    }
    sink.emit('iteration', { cursor: baseCursor(iteration, Math.min(position, items.length - 1)) });
    sink.end('iterations');
    emitter.complete(iteration);
  };

  const lane = async (): Promise<void> => {
    let session: Promise<ScriptSession> | undefined;
    const openSession = (): Promise<ScriptSession> => (session ??= newSession());
    // The isolate and its context start on their own thread while the first request is sent: a
    // failure still surfaces where the first script needs the session.
    if (hasScripts) openSession().catch(() => undefined);
    const ctx: ItemRunContext = {
      scopes,
      exchange: exchangeCtx,
      iterationCount,
      session: openSession,
      host: (sink, cursor, runnable) =>
        createScriptHost({ sink, cursor, runnable, exchange: exchangeCtx, cookieJar }),
      cookiesFor: (url) => jarCookiesFor(cookieJar, url),
      bail,
    };
    try {
      while (!stopped) {
        const iteration = nextIteration++;
        if (iteration >= iterationCount) break;
        const wait = emitter.whenWithin(iteration, lanes * PARALLEL_WINDOW_PER_LANE);
        if (wait) {
          await wait;
          if (stopped) break;
        }
        await runIteration(ctx, iteration);
      }
    } catch (err) {
      // A fatal error (a listener that throws, a sandbox that cannot start) stops the other lanes too.
      stopped = true;
      emitter.release();
      throw err;
    } finally {
      const opened = session;
      if (opened) (await opened.catch(() => undefined))?.dispose();
    }
  };

  emitter.emitNow('start', {
    cursor: baseCursor(0, 0),
    collection: { id: options.collection.info._postman_id ?? '', name: options.collection.info.name },
  });
  let nextIteration = 0;
  const lanes = Math.max(1, Math.min(options.parallel ?? 1, iterationCount));
  try {
    // allSettled: the summary and `done` come only after every lane has stopped sending.
    const settled = await Promise.allSettled(Array.from({ length: lanes }, lane));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      const err: unknown = failed.reason;
      runError = { name: 'Error', message: err instanceof Error ? err.message : String(err) };
    }
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    if (sandbox && !hasScripts && options.sandbox) {
      // a sandbox started for a run that needs none: not worth waiting for it to finish booting
      sandbox.then(
        (s) => s.dispose(),
        () => undefined,
      );
    } else if (sandbox) (await sandbox.catch(() => undefined))?.dispose();
  }

  const summary: RunSummary = {
    collection: { id: options.collection.info._postman_id ?? '', name: options.collection.info.name },
    environment: { ...pickListMeta(options.environment), values: scopes.environment.values().map(exported) },
    globals: { ...pickListMeta(options.globals), values: scopes.globals.values().map(exported) },
    collectionVariables: scopes.collectionVariables.values().map(exported),
    stats: stats.stats,
    timings: stats.timings(),
    transfers: { responseTotal: stats.responseTotal },
    failureCount: stats.failureCount,
    ...(runError ? { error: runError } : {}),
  };
  await listener.done?.({ summary });
  return summary;
}

function initialScopes(options: RunOptions): RunScopes {
  const withOverrides = (values: VariableDefinition[] = [], overrides: RunOptions['envVar'] = []) => {
    const scope = new VariableScope(copyDefinitions(values));
    for (const o of overrides) scope.set(o.key, o.value);
    return scope;
  };
  return {
    globals: withOverrides(options.globals?.values, options.globalVar),
    environment: withOverrides(options.environment?.values, options.envVar),
    collectionVariables: new VariableScope(copyDefinitions(options.collection.variable)),
    local: new VariableScope([]),
  };
}

/** The run changes its scopes; the caller's collection and files stay as they were. */
function copyDefinitions(values: readonly VariableDefinition[]): VariableDefinition[] {
  return values.map((v) => ({ ...v }));
}

function tlsOptions(options: RunOptions): TlsOptions {
  return {
    rejectUnauthorized: !options.insecure,
    clientCert: options.sslClientCert,
    clientKey: options.sslClientKey,
    clientPassphrase: options.sslClientPassphrase,
    extraCa: options.sslExtraCaCerts,
  };
}

function pickListMeta(list: RunOptions['environment']): { id?: string; name?: string } {
  return list ? { id: list.id, name: list.name } : {};
}

function exported(v: VariableDefinition): { key: string; value: unknown; type?: string; enabled: boolean } {
  return { key: v.key, value: v.value, type: v.type ?? 'default', enabled: !v.disabled };
}

/** Waits `ms`, or less when the run is aborted (the listener goes when the wait ends: runs are long). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
