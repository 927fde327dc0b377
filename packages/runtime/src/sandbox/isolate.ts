/**
 * The script sandbox: one isolated-vm isolate (memory-limited) with the in-isolate bundle compiled
 * once; each session is a context in it. If a script exhausts the memory limit, isolated-vm disposes
 * the isolate: that execution ends with an error and the next use creates a fresh isolate.
 *
 * Node 20 needs `--no-node-snapshot` for isolated-vm (the test runner and the CLI pass it).
 */
import ivm from 'isolated-vm';
import { compileBundleFile, compileBundleFileAsync } from './bundle-files.ts';
import { IsolateSession, type SessionOwner } from './session.ts';
import type { Sandbox, SandboxOptions, ScriptSession, StartedSandbox } from './types.ts';

export const DEFAULT_MEMORY_LIMIT_MB = 128;
export const DEFAULT_SCRIPT_TIMEOUT_MS = 5000;

/**
 * isolated-vm destroys a disposed isolate later, on one of its own threads; a process that exits
 * meanwhile crashes (SIGSEGV in ~IsolateEnvironment while Node tears V8 down). Nothing reports
 * when that is done, so `StartedSandbox.close()` and `sandboxesTornDown()` let this much time pass
 * after the last disposal.
 */
const ISOLATE_TEARDOWN_MS = 15;
let lastDisposalAt = Number.NEGATIVE_INFINITY;

/**
 * Resolves once every sandbox disposed so far has had time to be torn down: await it before a
 * process that ran scripts exits (the server does, after closing).
 * @example await server.close(); await sandboxesTornDown();
 */
export async function sandboxesTornDown(): Promise<void> {
  const wait = lastDisposalAt + ISOLATE_TEARDOWN_MS - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

class IsolateSandbox implements Sandbox, SessionOwner {
  readonly memoryLimitMb: number;
  readonly timeoutMs: number;
  private isolate: ivm.Isolate | undefined;
  private base: ivm.Script | undefined;
  /** Library files compiled into the current isolate. */
  private libraries = new Map<string, ivm.Script>();
  private readonly sessions = new Set<IsolateSession>();
  private starting: Promise<{ isolate: ivm.Isolate; base: ivm.Script }> | undefined;
  private disposed = false;

  constructor(options: SandboxOptions) {
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
    this.timeoutMs =
      options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_SCRIPT_TIMEOUT_MS;
  }

  current(): { isolate: ivm.Isolate; base: ivm.Script } {
    if (this.disposed) throw new Error('sandbox: disposed');
    if (!this.isolate || !this.base || this.isolate.isDisposed) {
      const isolate = new ivm.Isolate({ memoryLimit: this.memoryLimitMb });
      this.base = compileBundleFile(isolate, null);
      this.isolate = isolate;
      this.libraries = new Map();
    }
    return { isolate: this.isolate, base: this.base };
  }

  /**
   * `current()`, compiling on the isolate's thread: the bundle, and Sugar, which every context
   * loads as it starts (its host call then only has to run it).
   */
  async ready(): Promise<{ isolate: ivm.Isolate; base: ivm.Script }> {
    if (this.disposed) throw new Error('sandbox: disposed');
    if (this.isolate && this.base && !this.isolate.isDisposed)
      return { isolate: this.isolate, base: this.base };
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<{ isolate: ivm.Isolate; base: ivm.Script }> {
    const isolate = new ivm.Isolate({ memoryLimit: this.memoryLimitMb });
    const [base, sugar] = await Promise.all([
      compileBundleFileAsync(isolate, null),
      compileBundleFileAsync(isolate, 'sugar'),
    ]);
    if (this.disposed) {
      isolate.dispose();
      throw new Error('sandbox: disposed');
    }
    this.isolate = isolate;
    this.base = base;
    this.libraries = new Map([['sugar', sugar]]);
    return { isolate, base };
  }

  libraryScript(isolate: ivm.Isolate, name: string): ivm.Script {
    if (isolate !== this.isolate) throw new Error('sandbox: stale isolate');
    let script = this.libraries.get(name);
    if (!script) {
      script = compileBundleFile(isolate, name);
      this.libraries.set(name, script);
    }
    return script;
  }

  async createSession(): Promise<ScriptSession> {
    const session = new IsolateSession(this);
    await session.openAsync();
    if (this.disposed) {
      session.dispose();
      throw new Error('sandbox: disposed');
    }
    this.sessions.add(session);
    return session;
  }

  forget(session: IsolateSession): void {
    this.sessions.delete(session);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const session of [...this.sessions]) session.dispose();
    this.sessions.clear();
    if (this.isolate) {
      // one that a script's memory use ended was disposed by isolated-vm: it may still be going
      if (!this.isolate.isDisposed) this.isolate.dispose();
      lastDisposalAt = performance.now();
    }
    this.isolate = undefined;
    this.base = undefined;
  }
}

/**
 * Creates a sandbox; sessions are cheap (a context each), the isolate and bundle are made once.
 * @example
 * const sandbox = await createSandbox({ timeoutMs: 5000 });
 * const session = await sandbox.createSession();
 * const output = await session.execute(input, host);
 * sandbox.dispose();
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new IsolateSandbox(options);
  await sandbox.ready();
  return sandbox;
}

/**
 * Starts a sandbox and its first session without waiting: the isolate compiles and boots on its
 * own thread (~50 ms: the bundle, Sugar, the pm API) while the caller loads the rest and reads its
 * files. Failures surface where the promises are awaited. Hand it to `run()` as `options.sandbox`,
 * and `close()` it before the process exits.
 * @example
 * const started = startSandbox({ timeoutMs: 5000 });
 * await run({ collection, sandbox: started }, listener);
 */
export function startSandbox(options: SandboxOptions = {}): StartedSandbox {
  const sandbox = createSandbox(options);
  const session = sandbox.then((created) => created.createSession());
  session.catch(() => undefined);
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    // A boot still in progress finishes first. Disposed while its thread compiles or runs the
    // bundle, the isolate is destroyed later by that thread, and a process exiting meanwhile
    // crashes (SIGSEGV in ~IsolateEnvironment while Node tears V8 down: bad input, exit 2, hit it
    // about one run in thirty on a loaded machine). Disposed when idle, it goes at once.
    await session.catch(() => undefined);
    (await sandbox.catch(() => undefined))?.dispose();
    await sandboxesTornDown();
  };
  return {
    sandbox,
    session,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
