/**
 * The in-isolate event loop of one execution: timers, immediates and host operations
 * (`pm.sendRequest`, cookie jar). The host drives it: it asks for the next due time, waits for it
 * (or for an operation to complete) outside the isolate, then calls back in to run exactly one
 * callback, so promise jobs run between callbacks as in Node.
 *
 * An exception thrown by a timer or operation callback is not the execution's error: Newman's
 * sandbox only emits it as an `exception` event, which no report, failure count or CLI line shows,
 * and goes on running the other callbacks. `onCallbackError` sees it; the loop carries on.
 */
import { callHost } from './host.ts';

type Callback = (...args: unknown[]) => unknown;

interface Timer {
  fn: Callback;
  args: unknown[];
  due: number;
  /** Repeat period for intervals. */
  interval?: number;
  /** Creation order; breaks ties between timers due at the same time. */
  seq: number;
}

const now = Date.now;

/** The timer functions scripts and libraries see (`require('timers')` and the globals). */
export interface TimerFunctions {
  setTimeout(fn: Callback, ms?: number, ...args: unknown[]): number;
  setInterval(fn: Callback, ms?: number, ...args: unknown[]): number;
  setImmediate(fn: Callback, ...args: unknown[]): number;
  clearTimeout(id: unknown): void;
  clearInterval(id: unknown): void;
  clearImmediate(id: unknown): void;
}

function delayOf(ms: unknown): number {
  const n = Number(ms);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function checkCallback(fn: unknown): asserts fn is Callback {
  if (typeof fn !== 'function') {
    throw new TypeError('The "callback" argument must be of type function. Received ' + typeof fn);
  }
}

export class EventLoop {
  private readonly timers = new Map<number, Timer>();
  private readonly immediates = new Map<number, Timer>();
  private readonly ops = new Map<number, Callback>();
  private nextId = 1;
  private seq = 0;
  /** Set when the execution finished: late timers and operations are ignored. */
  private sealed = false;
  private firstError: { error: unknown } | undefined;
  /** Receives what a timer or operation callback threw; ignored by default, as in Newman. */
  onCallbackError: (error: unknown) => void = () => {};

  readonly timerFunctions: TimerFunctions = {
    setTimeout: (fn, ms, ...args) => this.addTimer(fn, ms, args, false),
    setInterval: (fn, ms, ...args) => this.addTimer(fn, ms, args, true),
    setImmediate: (fn, ...args) => {
      checkCallback(fn);
      const id = this.nextId++;
      if (!this.sealed) this.immediates.set(id, { fn, args, due: 0, seq: this.seq++ });
      return id;
    },
    clearTimeout: (id) => this.clear(id),
    clearInterval: (id) => this.clear(id),
    clearImmediate: (id) => this.clear(id),
  };

  /** Starts a fresh execution. */
  reset(): void {
    this.timers.clear();
    this.immediates.clear();
    this.ops.clear();
    this.sealed = false;
    this.firstError = undefined;
  }

  /** Stops accepting work and drops whatever is pending. */
  seal(): void {
    this.sealed = true;
    this.timers.clear();
    this.immediates.clear();
    this.ops.clear();
  }

  /**
   * Records an uncaught error of the script's synchronous part (or a rejection, a host failure);
   * the first one is the execution's error.
   */
  fail(error: unknown): void {
    if (!this.firstError) this.firstError = { error };
  }

  get error(): { error: unknown } | undefined {
    return this.firstError;
  }

  get pendingOps(): number {
    return this.ops.size;
  }

  /**
   * Asks the host to start an operation; `done` runs when the host delivers its result.
   * @example loop.startOp('sendRequest', { request }, (err, res) => {})
   */
  startOp(kind: 'sendRequest' | 'cookieJar', payload: unknown, done: Callback): void {
    if (this.sealed) return;
    const id = this.nextId++;
    this.ops.set(id, done);
    callHost('op', id, kind, payload);
  }

  /** Runs the callback of a completed operation. */
  deliver(id: number, args: unknown[]): void {
    const done = this.ops.get(id);
    if (!done) return;
    this.ops.delete(id);
    this.invoke(done, args);
  }

  /** Epoch ms when the next callback is due, or null when nothing is scheduled. */
  nextDueAt(): number | null {
    if (this.immediates.size > 0) return 0;
    let earliest: number | null = null;
    for (const timer of this.timers.values())
      if (earliest === null || timer.due < earliest) earliest = timer.due;
    return earliest;
  }

  /** Runs one due callback: the oldest immediate, else the earliest due timer. */
  runNext(): void {
    for (const [id, immediate] of this.immediates) {
      this.immediates.delete(id);
      this.invoke(immediate.fn, immediate.args);
      return;
    }
    const at = now();
    let nextId = -1;
    let next: Timer | undefined;
    for (const [id, timer] of this.timers) {
      if (timer.due > at) continue;
      if (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq)) {
        next = timer;
        nextId = id;
      }
    }
    if (!next) return;
    if (next.interval === undefined) this.timers.delete(nextId);
    else {
      next.due = at + next.interval;
      next.seq = this.seq++;
    }
    this.invoke(next.fn, next.args);
  }

  private invoke(fn: Callback, args: unknown[]): void {
    try {
      fn(...args);
    } catch (error) {
      this.onCallbackError(error);
    }
  }

  private addTimer(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    checkCallback(fn);
    const id = this.nextId++;
    if (this.sealed) return id;
    const delay = delayOf(ms);
    this.timers.set(id, {
      fn,
      args,
      due: now() + delay,
      interval: repeat ? delay : undefined,
      seq: this.seq++,
    });
    return id;
  }

  private clear(id: unknown): void {
    if (typeof id !== 'number') return;
    this.timers.delete(id);
    this.immediates.delete(id);
  }
}

/** The context's one event loop (a context runs one execution at a time). */
export const eventLoop = new EventLoop();
