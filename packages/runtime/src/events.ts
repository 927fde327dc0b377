/**
 * Run events: what `run()` tells its listeners as a run proceeds. They mirror Newman's run events
 * (start, beforeIteration, beforeItem, prerequest, request, test, assertion, console, item, iteration,
 * done) so the reporters can produce Newman's output shapes, but every payload is plain data: no
 * event holds a reference into the runner, and nothing here accumulates, so reporters can stream.
 */

/** Where in the run an event happened (Newman's cursor, reduced to what reporters use). */
export interface Cursor {
  /** Index of the item in the flattened, filtered item list. */
  position: number;
  /** Zero-based iteration. */
  iteration: number;
  /** Number of items in one iteration. */
  length: number;
  /** Total iterations. */
  cycles: number;
  /** A stable id of this item execution (uuid), shared by all events of it. */
  ref: string;
  /** Set on request events; unique per HTTP request (main or pm.sendRequest). */
  httpRequestId?: string;
  /** Set on script events. */
  scriptId?: string;
}

/** The item as reporters see it: identity and its folder path. */
export interface ItemInfo {
  id: string;
  name: string;
  /** Names of enclosing folders, outermost first. */
  path: string[];
}

/** The request as it went on the wire (after variables, auth and scripts). */
export interface SentRequest {
  method: string;
  url: string;
  headers: Array<{ key: string; value: string }>;
  /** The body as sent, if any (text, or a description such as `[file: a.png]`). */
  body?: string;
}

export interface ReceivedResponse {
  code: number;
  status: string;
  headers: Array<{ key: string; value: string }>;
  /** The decoded body. */
  body: Buffer;
  /** Milliseconds from sending the request to the end of the body. */
  responseTime: number;
  /** Bytes of the body as received (before decoding). */
  responseSize: number;
}

export interface RunError {
  name: string;
  message: string;
  stack?: string;
  /** Node's error code for network failures (`ECONNREFUSED`, `ESOCKETTIMEDOUT`, …). */
  code?: string;
}

export interface ScriptExecution {
  /** Script id (event id or generated). */
  id: string;
  error?: RunError;
}

export interface Assertion {
  /** The `pm.test` name (or legacy `tests[...]` key). */
  name: string;
  /** Zero-based index of the assertion within its script. */
  index: number;
  skipped: boolean;
  passed: boolean;
  /** Present when the assertion failed. */
  error?: RunError;
}

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface RunTimings {
  started: number;
  completed?: number;
  /** Sum and average of response times, for the summary. */
  responseAverage?: number;
  responseMin?: number;
  responseMax?: number;
  responseSd?: number;
  dnsAverage?: number;
  firstByteAverage?: number;
}

export interface StatCounter {
  total: number;
  pending: number;
  failed: number;
}

/** Newman's `run.stats`. */
export interface RunStats {
  iterations: StatCounter;
  items: StatCounter;
  scripts: StatCounter;
  prerequests: StatCounter;
  requests: StatCounter;
  tests: StatCounter;
  assertions: StatCounter;
  testScripts: StatCounter;
  prerequestScripts: StatCounter;
}

/** What a run ends with. Counters only: the executions themselves were streamed as events. */
export interface RunSummary {
  collection: { id: string; name: string };
  environment?: { id?: string; name?: string; values: Array<{ key: string; value: unknown; type?: string }> };
  globals?: { id?: string; name?: string; values: Array<{ key: string; value: unknown; type?: string }> };
  /** Collection variables at the end of the run (for `--export-collection`). */
  collectionVariables: Array<{ key: string; value: unknown; type?: string }>;
  stats: RunStats;
  timings: RunTimings;
  transfers: { responseTotal: number };
  /** Number of failures (failed assertions, script errors, request errors). */
  failureCount: number;
  /** A fatal error that stopped the run, if any. */
  error?: RunError;
}

/** One failure, as Newman's `run.failures[]` entry. */
export interface Failure {
  error: RunError & { test?: string; index?: number; checksum?: string };
  /** `assertion`, `prerequest-script`, `test-script`, `request`. */
  at: string;
  source: ItemInfo | { id: string; name: string };
  parent?: { id: string; name: string };
  cursor: Cursor;
}

/**
 * Every callback is optional. Events of one item execution arrive in order:
 * beforeItem → beforePrerequest → prerequest → beforeRequest → request → beforeTest → assertion* → test → item.
 * With `--parallel`, events of different iterations may interleave: group them by `cursor.iteration`.
 */
export interface RunListener {
  start?(e: { cursor: Cursor; collection: { id: string; name: string } }): void;
  beforeIteration?(e: { cursor: Cursor }): void;
  iteration?(e: { cursor: Cursor }): void;
  beforeItem?(e: { cursor: Cursor; item: ItemInfo }): void;
  item?(e: { cursor: Cursor; item: ItemInfo; skipped?: boolean }): void;
  beforePrerequest?(e: { cursor: Cursor; item: ItemInfo }): void;
  prerequest?(e: { cursor: Cursor; item: ItemInfo; executions: ScriptExecution[] }): void;
  beforeRequest?(e: { cursor: Cursor; item: ItemInfo; request: SentRequest }): void;
  /** A request completed or failed. `sendRequest` is true for `pm.sendRequest` calls. */
  request?(e: {
    cursor: Cursor;
    item: ItemInfo;
    request: SentRequest;
    response?: ReceivedResponse;
    error?: RunError;
    sendRequest?: boolean;
  }): void;
  beforeTest?(e: { cursor: Cursor; item: ItemInfo }): void;
  test?(e: { cursor: Cursor; item: ItemInfo; executions: ScriptExecution[] }): void;
  assertion?(e: { cursor: Cursor; item: ItemInfo; assertion: Assertion }): void;
  console?(e: { cursor: Cursor; item?: ItemInfo; level: ConsoleLevel; messages: unknown[] }): void;
  exception?(e: { cursor: Cursor; item?: ItemInfo; error: RunError }): void;
  /** Every failure, at the moment it happens (reporters print failure details from these). */
  failure?(e: Failure): void;
  done?(e: { summary: RunSummary }): void | Promise<void>;
}

/** Every streamed event name (all but `done`), in the order an item execution emits them. */
export const STREAMED_EVENT_NAMES = [
  'start',
  'beforeIteration',
  'iteration',
  'beforeItem',
  'item',
  'beforePrerequest',
  'prerequest',
  'beforeRequest',
  'request',
  'beforeTest',
  'test',
  'assertion',
  'console',
  'exception',
  'failure',
] as const satisfies ReadonlyArray<Exclude<keyof RunListener, 'done'>>;
