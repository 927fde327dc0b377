/**
 * The in-isolate side of the script sandbox (built into dist/sandbox-bundle.js). It installs one
 * function, `__posternDispatch`, that the host takes off the global object and calls to execute a
 * script, drive the event loop one callback at a time, and collect the result (see ../protocol.ts).
 */
import './host.ts'; // first: takes the host callback off the global object before anything else runs
import {
  DISPATCH_GLOBAL,
  type DispatchOp,
  type ErrorData,
  type FinishResult,
  type LoopState,
  type SettleResult,
} from '../protocol.ts';
import { createExecution } from './api/index.ts';
import type { Bridge, ScriptInputData, ScriptOutputData } from './api/types.ts';
import { createConsole, sendConsole } from './console.ts';
import { callHost } from './host.ts';
import { legacyLibraryGlobals, startWarnings, stopWarnings } from './legacy-globals.ts';
import { requireLibrary, scriptRequire } from './libraries.ts';
import { eventLoop as loop } from './loop.ts';
import { toPlainData } from './plain-data.ts';
import { reachOf, runInScope, scriptReach, snapshotContextNames } from './scope.ts';

type Execution = ReturnType<typeof createExecution>;

// Newman's sandbox loads Sugar 1.3.9, which extends the native prototypes scripts see
// (`[1, 2].average()`, `'a-b'.camelize()`, `fn.once()`…): so does every context here.
requireLibrary('sugar');
const scriptConsole = createConsole();
const libraryGlobals = legacyLibraryGlobals();
/** The lazy imports of legacy scripts (every library global) and of sandbox2 ones (`Buffer` only). */
const legacyLazy: Readonly<Record<string, () => unknown>> = { ...libraryGlobals };
const sandbox2Lazy: Readonly<Record<string, () => unknown>> = libraryGlobals.Buffer
  ? { Buffer: libraryGlobals.Buffer }
  : {};

/** The lazy imports of a script: the shared set, minus names the values already provide. */
function lazyImports(values: Record<string, unknown>, legacy: boolean): Record<string, () => unknown> {
  const lazy = legacy ? legacyLazy : sandbox2Lazy;
  for (const name in lazy) {
    if (!Object.hasOwn(values, name)) continue;
    const own = { ...lazy };
    for (const shadowed of Object.keys(values)) delete own[shadowed];
    return own;
  }
  return lazy;
}
/** Newman skips the legacy globals for scripts starting with this marker. */
const SANDBOX2_MARKERS = new Set(['"use sandbox2";', "'use sandbox2';"]);

let execution: Execution | undefined;
/** The current execution's `listen`. */
let listen: unknown;
let errorData: ErrorData | undefined;

function toErrorData(error: unknown): ErrorData {
  try {
    if (typeof error === 'object' && error !== null) {
      const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
      return {
        name: name === undefined ? 'Error' : String(name),
        message: message === undefined ? '' : String(message),
        stack: typeof stack === 'string' ? stack : undefined,
      };
    }
    return { name: 'Error', message: String(error) };
  } catch {
    return { name: 'Error', message: 'Script threw a value that cannot be described' };
  }
}

/**
 * An error delivered by the host (request failure, cookie jar error) as the script sees it; extra
 * fields such as `code: 'ECONNREFUSED'`, `errno` or `port` are kept, as on Node's errors.
 */
function toError(data: unknown): Error | null {
  if (data === null || data === undefined) return null;
  if (typeof data !== 'object') return new Error(String(data));
  const fields = data as Record<string, unknown>;
  const error = new Error(String(fields.message ?? '')) as Error & Record<string, unknown>;
  if (typeof fields.name === 'string') error.name = fields.name;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (key === 'name' || key === 'message' || key === 'stack' || key === '__proto__') continue;
    if (value === null || typeof value !== 'object') error[key] = value;
  }
  return error;
}

const bridge: Bridge = {
  sendRequest(request, done) {
    loop.startOp('sendRequest', { request: toPlainData(request) }, done as (...args: unknown[]) => void);
  },
  cookieJar(op, url, args, done) {
    loop.startOp(
      'cookieJar',
      { op: String(op), url: String(url), args: toPlainData(args) },
      done as (...args: unknown[]) => void,
    );
  },
  console: (level, args) => sendConsole(level, args),
  assertion: (assertion) => {
    callHost('assertion', toPlainData(assertion));
  },
  dynamicVariable(name) {
    const value = callHost('dynamic', String(name));
    return typeof value === 'string' ? value : undefined;
  },
};

function execute(input: ScriptInputData): void {
  loop.reset();
  errorData = undefined;
  execution = undefined;
  listen = input.listen;
  const code = input.code;
  // the script's words, collected once: for the pm API's legacy globals and, if new, its compile
  const reaches = typeof code === 'string' ? reachOf(code) : undefined;
  execution = createExecution(input, bridge, reaches && scriptReach(reaches));
  if (typeof code !== 'string' || code === '') return;
  const values: Record<string, unknown> = {
    console: scriptConsole,
    ...loop.timerFunctions,
    ...execution.globals,
  };
  startWarnings();
  try {
    runInScope(
      code,
      { values, lazy: lazyImports(values, !SANDBOX2_MARKERS.has(code.slice(0, 15))) },
      reaches,
    );
  } finally {
    stopWarnings();
    execution.syncDone();
  }
}

function state(): LoopState {
  const failure = loop.error;
  if (failure && !errorData) errorData = toErrorData(failure.error);
  return { nextDueAt: loop.nextDueAt(), pendingOps: loop.pendingOps, error: errorData };
}

/**
 * The part of an execution's output the host does not have already: not the assertions (reported
 * one by one as they completed), nor the data row (read-only), nor, after a test script, the
 * request (only prerequest scripts' changes to it are used). The host fills those in from its side.
 */
function wireOutput(output: ScriptOutputData, listen: unknown): Record<string, unknown> {
  const { scopes } = output;
  const wire: Record<string, unknown> = {
    scopes: {
      globals: scopes.globals,
      environment: scopes.environment,
      collectionVariables: scopes.collectionVariables,
      local: scopes.local,
    },
    skipRequest: output.skipRequest,
  };
  if (listen === 'prerequest') wire.request = output.request;
  if (output.nextRequest !== undefined) wire.nextRequest = output.nextRequest;
  return wire;
}

function finish(hostError: unknown): FinishResult {
  loop.seal();
  if (hostError) loop.fail(hostError);
  const { error } = state();
  let output: unknown;
  try {
    output = execution
      ? toPlainData(wireOutput(execution.finish({ request: listen === 'prerequest' }), listen))
      : undefined;
  } catch (finishError) {
    // a script broke the API's state; the host falls back to the input's scopes
    return { output: undefined, error: error ?? toErrorData(finishError) };
  } finally {
    execution = undefined;
  }
  return { output, error };
}

/** Finishes the execution when nothing is pending, else reports what is. */
function settle(): SettleResult {
  const current = state();
  if (current.nextDueAt === null && current.pendingOps === 0) return { done: true, ...finish(undefined) };
  return { done: false, ...current };
}

function dispatch(op: DispatchOp, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown {
  switch (op) {
    case 'boot':
      snapshotContextNames();
      return undefined;
    case 'execute':
      try {
        execute(a as ScriptInputData);
      } catch (error) {
        // Newman's sandbox counts a script as asynchronous once it left a timer or a request
        // pending: a throw from its synchronous part is then only an exception event, like a
        // throw from a callback, and the pending work still runs.
        if (loop.nextDueAt() !== null || loop.pendingOps > 0) loop.onCallbackError(error);
        else loop.fail(error);
      }
      return undefined;
    case 'next':
      loop.runNext();
      return undefined;
    case 'deliver':
      loop.deliver(Number(a), [toError(b), c, d]);
      return undefined;
    case 'fail':
      loop.fail(a);
      return undefined;
    case 'settle':
      return settle();
    case 'finish':
      return finish(a);
  }
}

const globals = globalThis as unknown as Record<string, unknown>;
// A real global, as in Newman (its bundle's require): scripts and the pm API (ajv for jsonSchema) use it.
globals.require = scriptRequire;
globals[DISPATCH_GLOBAL] = dispatch;
