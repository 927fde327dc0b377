/**
 * The wire between the host (isolate.ts, session.ts) and the in-isolate bundle (bundle/entry.ts).
 *
 * The host calls one in-isolate function, `dispatch(op, ...args)`, synchronously with the CPU timeout;
 * the bundle calls one host function, `host(call, ...args)`. Everything crossing is copied data: no
 * reference, function or accessor ever leaves the isolate.
 */

/** Global names the host sets before the bundle runs and the bundle removes as it starts. */
export const HOST_GLOBAL = '__posternHost';
export const DISPATCH_GLOBAL = '__posternDispatch';

/** Operations of `dispatch`. */
export type DispatchOp =
  /** Takes the snapshot of the context's global names (after the host removed its globals). */
  | 'boot'
  /** (input: ScriptInputData) Starts an execution: installs the pm API and runs the script's body. */
  | 'execute'
  /** Runs the next due immediate or timer callback, if any. */
  | 'next'
  /** (id: number, error: unknown, result: unknown, extra: unknown) Completes a host operation. */
  | 'deliver'
  /** (error: ErrorData) Records an uncaught error seen by the host (an unhandled rejection). */
  | 'fail'
  /**
   * Returns a `SettleResult`: when nothing is pending (no timer or immediate, no operation) the
   * execution is over and this finishes it as `finish` would, saving the host a second call.
   */
  | 'settle'
  /** (error?: ErrorData) Stops timers, drops pending operations, returns the ScriptOutputData. */
  | 'finish';

/** Calls of `host`. */
export type HostCallKind =
  /** (level: string, messages: unknown[]) */
  | 'console'
  /** (assertion: unknown) */
  | 'assertion'
  /** (id: number, kind: 'sendRequest' | 'cookieJar', payload: unknown): starts an async operation */
  | 'op'
  /** (name: string): runs a library file in the calling context; returns true if it exists */
  | 'load'
  /** (name: string): a `{{$dynamic}}` value */
  | 'dynamic';

/** What the host needs to drive the event loop. */
export interface LoopState {
  /** Epoch ms of the earliest pending timer or immediate; null when none is pending. */
  nextDueAt: number | null;
  /** Operations started and not yet delivered. */
  pendingOps: number;
  /** The first uncaught error of this execution, if any. */
  error?: ErrorData;
}

/** What `settle` returns: the finished execution, or the state of a loop that still has work. */
export type SettleResult = ({ done: true } & FinishResult) | ({ done: false } & LoopState);

/** What `finish` returns. */
export interface FinishResult {
  /**
   * The ScriptOutputData without what the host already has (the assertions it was sent as they
   * completed, the data row, and after a test script the request); undefined when the API's state
   * was broken.
   */
  output: unknown;
  error?: ErrorData;
}

export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
}

export interface SendRequestPayload {
  request: unknown;
}

export interface CookieJarPayload {
  op: string;
  url: string;
  args: unknown[];
}
