/**
 * One script session: a context in the sandbox's isolate whose global scope persists across the
 * scripts it executes. `execute` runs the script's synchronous body, then drives the in-isolate
 * event loop (timers, `pm.sendRequest`, cookie jar) until nothing is pending, each call into the
 * isolate bounded by the CPU timeout and the whole execution by the same time as wall clock.
 */
import ivm from 'isolated-vm';
import type { Assertion, RunError } from '../events.ts';
import { LIBRARY_NAMES } from './bundle-files.ts';
import {
  CONSOLE_LEVELS,
  COOKIE_JAR_OPS,
  historyOf,
  isRecord,
  readOutput,
  toAssertion,
  toInputData,
  toResponseData,
  toRunError,
} from './host-data.ts';
import { DISPATCH_GLOBAL, type DispatchOp, HOST_GLOBAL, type HostCallKind } from './protocol.ts';
import type { ScriptHost, ScriptInput, ScriptOutput, ScriptSession } from './types.ts';

/** What a session needs from its sandbox. */
export interface SessionOwner {
  readonly timeoutMs: number;
  readonly memoryLimitMb: number;
  /** The live isolate and its compiled base bundle (a new one after a memory-limit kill). */
  current(): { isolate: ivm.Isolate; base: ivm.Script };
  /** `current()`, compiling on the isolate's thread. */
  ready(): Promise<{ isolate: ivm.Isolate; base: ivm.Script }>;
  /** A library file compiled for `isolate`. */
  libraryScript(isolate: ivm.Isolate, name: string): ivm.Script;
  /** The session was disposed. */
  forget(session: IsolateSession): void;
}

/** ivm's message when a call exceeds its CPU timeout. */
const TIMEOUT_MESSAGE = 'Script execution timed out.';
const ASYNC_TIMEOUT: RunError = { name: 'Error', message: 'sandbox: asynchronous script execution timeout' };

/** ivm's message when an argument cannot be copied into the isolate. */
const CLONE_FAILURE = /could not be cloned/;

type Completion = [id: number, error: unknown, result?: unknown, extra?: unknown];

/** State of the execution in progress: its host and the operations it started. */
class ExecutionRun {
  readonly completions: Completion[] = [];
  readonly assertions: Assertion[] = [];
  pendingOps = 0;
  closed = false;
  private wake: (() => void) | undefined;

  constructor(readonly host: ScriptHost) {}

  complete(completion: Completion): void {
    if (this.closed) return;
    this.completions.push(completion);
    this.wake?.();
  }

  /** Resolves after `ms` or as soon as an operation completes. */
  waitForCompletion(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class IsolateSession implements ScriptSession {
  private isolate: ivm.Isolate | undefined;
  private context: ivm.Context | undefined;
  private dispatch: ivm.Reference<(...args: unknown[]) => unknown> | undefined;
  private run: ExecutionRun | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly owner: SessionOwner) {}

  /** Creates the context and runs the base bundle in it. */
  open(): void {
    const { isolate, base } = this.owner.current();
    const context = isolate.createContextSync();
    try {
      this.attach(isolate, context);
      base.runSync(context, { timeout: this.owner.timeoutMs });
      const dispatch = this.takeDispatch(context);
      dispatch.applySync(undefined, ['boot'], { timeout: this.owner.timeoutMs });
      this.dispatch = dispatch;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /**
   * `open()` with the bundle running on the isolate's thread (~20 ms of Sugar and the pm API
   * setting themselves up), so the caller's thread can send the first request meanwhile.
   */
  async openAsync(): Promise<void> {
    const { isolate, base } = await this.owner.ready();
    const context = await isolate.createContext();
    try {
      this.attach(isolate, context);
      await base.run(context, { timeout: this.owner.timeoutMs });
      const dispatch = this.takeDispatch(context);
      await dispatch.apply(undefined, ['boot'], { timeout: this.owner.timeoutMs });
      this.dispatch = dispatch;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Adopts a new context and gives it the host callback, which the bundle takes as it starts. */
  private attach(isolate: ivm.Isolate, context: ivm.Context): void {
    // set before the bundle runs: it loads libraries (Sugar) through the host as it starts
    this.isolate = isolate;
    this.context = context;
    context.global.setSync(HOST_GLOBAL, new ivm.Callback((...args: unknown[]) => this.onHostCall(args)));
  }

  /** The bundle's dispatch function, taken off the global object. */
  private takeDispatch(context: ivm.Context): ivm.Reference<(...args: unknown[]) => unknown> {
    const dispatch = context.global.getSync(DISPATCH_GLOBAL, { reference: true }) as ivm.Reference<
      (...args: unknown[]) => unknown
    >;
    context.global.deleteSync(DISPATCH_GLOBAL);
    return dispatch;
  }

  execute(input: ScriptInput, host: ScriptHost): Promise<ScriptOutput> {
    const result = this.queue.then(() => this.executeNow(input, host));
    this.queue = result.catch(() => undefined);
    return result;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.close();
    this.owner.forget(this);
  }

  private close(): void {
    this.dispatch?.release();
    if (this.isolate && !this.isolate.isDisposed) this.context?.release();
    this.dispatch = undefined;
    this.context = undefined;
    this.isolate = undefined;
  }

  private call(op: DispatchOp, args: unknown[], timeout: number): unknown {
    if (!this.dispatch) throw new Error('sandbox: session is closed');
    return this.dispatch.applySync(undefined, [op, ...args], {
      timeout: Math.max(1, Math.ceil(timeout)),
      arguments: { copy: true },
      result: { copy: true },
    });
  }

  private async executeNow(input: ScriptInput, host: ScriptHost): Promise<ScriptOutput> {
    if (this.disposed) throw new Error('sandbox: session is disposed');
    if (!this.isolate || this.isolate.isDisposed) {
      this.close();
      this.open();
    }
    const run = new ExecutionRun(host);
    this.run = run;
    const { timeoutMs } = this.owner;
    const deadline = Date.now() + timeoutMs;
    let stop: RunError | undefined;

    /** Calls into the isolate; returns undefined after recording why the call failed. */
    const step = (op: DispatchOp, ...args: unknown[]): { value: unknown } | undefined => {
      try {
        return { value: this.call(op, args, timeoutMs) };
      } catch (error) {
        stop ??= this.classify(error);
        return undefined;
      }
    };

    try {
      stop = this.start(input);
      while (!stop) {
        const completion = run.completions.shift();
        if (completion) {
          if (Date.now() >= deadline) {
            stop = ASYNC_TIMEOUT;
            break;
          }
          run.pendingOps--;
          step('deliver', ...completion);
          continue;
        }
        // 'settle' finishes the execution itself when nothing is pending (the usual case: one call)
        const settled = step('settle');
        if (!settled) break;
        if (isRecord(settled.value) && settled.value.done === true)
          return this.readFinished(input, run, settled.value, stop);
        const state = (isRecord(settled.value) ? settled.value : {}) as { nextDueAt?: unknown };
        const nextDueAt = typeof state.nextDueAt === 'number' ? state.nextDueAt : null;
        const now = Date.now();
        if (nextDueAt !== null && nextDueAt <= now) {
          if (now >= deadline) stop = ASYNC_TIMEOUT;
          else {
            step('next');
            await yieldToEventLoop();
          }
          continue;
        }
        if (nextDueAt === null && run.pendingOps === 0) break;
        if (now >= deadline) {
          stop = ASYNC_TIMEOUT;
          break;
        }
        const until = Math.min(nextDueAt ?? Number.POSITIVE_INFINITY, deadline);
        await run.waitForCompletion(until - now);
      }
      return this.finish(input, run, stop);
    } finally {
      run.closed = true;
      if (this.run === run) this.run = undefined;
    }
  }

  /** Copies the input in and runs the script's synchronous body; returns why it had to stop, if so. */
  private start(input: ScriptInput): RunError | undefined {
    const inputData = toInputData(input);
    try {
      this.call('execute', [inputData], this.owner.timeoutMs);
      return undefined;
    } catch (error) {
      if (!(error instanceof Error && CLONE_FAILURE.test(error.message))) return this.classify(error);
    }
    // a value the structured copy refuses (a function in a variable…): send it as JSON instead
    try {
      this.call('execute', [JSON.parse(JSON.stringify(inputData))], this.owner.timeoutMs);
      return undefined;
    } catch (error) {
      return this.classify(error);
    }
  }

  private finish(input: ScriptInput, run: ExecutionRun, stop: RunError | undefined): ScriptOutput {
    if (this.isolate?.isDisposed) {
      this.close();
      return readOutput(undefined, input, run.assertions, stop);
    }
    let finished: unknown;
    try {
      finished = this.call('finish', [stop], this.owner.timeoutMs);
    } catch (error) {
      const reason = stop ?? this.classify(error);
      if (this.isolate?.isDisposed) this.close();
      return readOutput(undefined, input, run.assertions, reason);
    }
    return this.readFinished(input, run, finished, stop);
  }

  /** The output of a finished execution (what `finish` or `settle` returned). */
  private readFinished(
    input: ScriptInput,
    run: ExecutionRun,
    finished: unknown,
    stop: RunError | undefined,
  ): ScriptOutput {
    const { output, error } = isRecord(finished) ? finished : { output: undefined, error: undefined };
    return readOutput(
      output,
      input,
      run.assertions,
      error === undefined || error === null ? stop : toRunError(error),
    );
  }

  /**
   * Why a call into the isolate threw: the memory limit or the CPU timeout (both end the execution),
   * or an unhandled promise rejection, which surfaces as the call's error once its microtasks ran:
   * that one is recorded in the isolate as an uncaught error and the execution goes on.
   */
  private classify(error: unknown): RunError | undefined {
    if (this.isolate?.isDisposed) {
      return {
        name: 'RangeError',
        message: `Script exceeded the sandbox memory limit of ${this.owner.memoryLimitMb} MB`,
      };
    }
    if (error instanceof Error && error.message === TIMEOUT_MESSAGE)
      return { name: 'Error', message: TIMEOUT_MESSAGE };
    const rejection = toRunError(error);
    try {
      this.call('fail', [rejection], this.owner.timeoutMs);
      return undefined;
    } catch {
      return rejection;
    }
  }

  private onHostCall(args: unknown[]): unknown {
    const [kind, a, b, c] = args as [HostCallKind, unknown, unknown, unknown];
    const run = this.run;
    try {
      switch (kind) {
        case 'load':
          if (typeof a !== 'string' || !LIBRARY_NAMES.has(a) || !this.isolate || !this.context) return false;
          this.owner.libraryScript(this.isolate, a).runSync(this.context);
          return true;
        case 'console':
          if (run && typeof a === 'string' && CONSOLE_LEVELS.has(a) && Array.isArray(b)) {
            run.host.console(a as Parameters<ScriptHost['console']>[0], b);
          }
          return undefined;
        case 'assertion': {
          const assertion = toAssertion(a);
          if (run && assertion) {
            run.assertions.push(assertion);
            run.host.assertion?.(assertion);
          }
          return undefined;
        }
        case 'dynamic':
          return run && typeof a === 'string' ? run.host.dynamicVariable(a) : undefined;
        case 'op':
          if (run && typeof a === 'number') this.startOp(run, a, b, c);
          return undefined;
      }
    } catch {
      // a failing host callback must not hand a host error (or its stack) into the isolate
    }
    return undefined;
  }

  private startOp(run: ExecutionRun, id: number, kind: unknown, payload: unknown): void {
    if (!isRecord(payload)) return;
    run.pendingOps++;
    const fail = (error: unknown) => run.complete([id, toRunError(error)]);
    try {
      if (kind === 'sendRequest') {
        run.host
          .sendRequest(payload.request as Parameters<ScriptHost['sendRequest']>[0])
          .then(({ response, error, cookies }) => {
            run.complete([
              id,
              error ?? null,
              response ? toResponseData(response) : undefined,
              historyOf(cookies),
            ]);
          }, fail);
      } else if (kind === 'cookieJar' && typeof payload.op === 'string' && COOKIE_JAR_OPS.has(payload.op)) {
        const op = payload.op as Parameters<ScriptHost['cookieJar']>[0];
        const args = Array.isArray(payload.args) ? payload.args : [];
        run.host
          .cookieJar(op, String(payload.url), args)
          .then((result) => run.complete([id, null, result]), fail);
      } else fail(new Error(`sandbox: unknown operation ${String(kind)}`));
    } catch (error) {
      fail(error);
    }
  }
}
