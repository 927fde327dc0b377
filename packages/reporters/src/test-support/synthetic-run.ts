/**
 * Test fixture: emits a realistic run-event sequence (the order `run()` uses) for N items × M
 * iterations to a listener, with failing assertions, script errors, request errors and console
 * output on a fixed pattern, and returns the matching summary. Synchronous on purpose, so memory
 * tests see the worst case: events arriving faster than any stream could drain.
 */
import type { Collection, Item } from '@postern/collection';
import type {
  Cursor,
  Failure,
  ItemInfo,
  ReceivedResponse,
  RunListener,
  RunStats,
  RunSummary,
  SentRequest,
} from '@postern/runtime';
import type { ReporterContext } from '../types.ts';

export interface SyntheticRunOptions {
  items: number;
  iterations?: number;
  /** Every n-th execution fails its second assertion (0: never). */
  failAssertionEvery?: number;
  /** Every n-th execution has a pre-request script error (0: never). */
  prerequestErrorEvery?: number;
  /** Every n-th execution fails to connect (0: never). */
  requestErrorEvery?: number;
  /** Every n-th execution logs to the console (0: never). */
  consoleEvery?: number;
  /** A value placed in a header, the response body, a console message and an assertion message. */
  secret?: string;
  /** Response body size in bytes (default: a small JSON document). */
  bodyBytes?: number;
  baseUrl?: string;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 404: 'Not Found' };

/** Item i lives at the root, in `Folder A`, or in `Folder A / Sub F`, in turn. */
export function syntheticItem(index: number): ItemInfo {
  const paths = [[], ['Folder A'], ['Folder A', 'Sub F']];
  return { id: `item-${index}`, name: `request ${index}`, path: paths[index % 3] ?? [] };
}

/** The collection the synthetic items belong to (folders included), for `ReporterContext.collection`. */
export function syntheticCollection(items: number, baseUrl = 'http://127.0.0.1:9'): Collection {
  const node = (i: number): Item => ({
    id: `item-${i}`,
    name: `request ${i}`,
    event: [{ listen: 'test', script: { exec: ['pm.test("status is 200", () => {});'] } }],
    variable: [],
    request: { url: { raw: `${baseUrl}/things/${i}` }, method: 'GET', header: [] },
    response: [],
  });
  const sub = { id: 'folder-sub', name: 'Sub F', item: [] as Item[], event: [], variable: [] };
  const folder = {
    id: 'folder-a',
    name: 'Folder A',
    item: [] as Array<Item | typeof sub>,
    event: [],
    variable: [],
  };
  const root: Collection['item'] = [];
  for (let i = 0; i < items; i++) {
    const target = i % 3 === 0 ? root : i % 3 === 1 ? folder.item : sub.item;
    target.push(node(i));
  }
  if (items > 1) root.push(folder);
  if (items > 2) folder.item.push(sub);
  return {
    info: { _postman_id: 'collection-1', name: 'Synthetic Collection', schema: 'v2.1.0' },
    item: root,
    event: [],
    variable: [{ key: 'baseUrl', value: baseUrl }],
  };
}

/** A reporter context writing console output into `chunks`. */
export function syntheticContext(
  overrides: Partial<ReporterContext> & { cwd: string; items?: number },
): ReporterContext & { output(): string } {
  const chunks: string[] = [];
  const stdout = {
    write(chunk: string | Uint8Array): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    once() {
      return stdout;
    },
  } as unknown as NodeJS.WritableStream;
  return {
    collection: syntheticCollection(overrides.items ?? 3),
    redact: (text) => text,
    stdout,
    color: false,
    silent: false,
    verbose: false,
    now: () => new Date('2024-05-06T07:08:09.123Z'),
    ...overrides,
    output: () => chunks.join(''),
  };
}

function emptyStats(): RunStats {
  const counter = () => ({ total: 0, pending: 0, failed: 0 });
  return {
    iterations: counter(),
    items: counter(),
    scripts: counter(),
    prerequests: counter(),
    requests: counter(),
    tests: counter(),
    assertions: counter(),
    testScripts: counter(),
    prerequestScripts: counter(),
  };
}

const every = (n: number | undefined, k: number): boolean => n !== undefined && n > 0 && k % n === n - 1;

/**
 * Emits the events of a whole run and resolves after `done` with the summary.
 *
 * @example
 * const summary = await emitSyntheticRun(reporter, { items: 3, failAssertionEvery: 2 });
 */
export async function emitSyntheticRun(
  listener: RunListener,
  options: SyntheticRunOptions,
): Promise<RunSummary> {
  const iterations = options.iterations ?? 1;
  const secret = options.secret ?? '';
  const baseUrl = options.baseUrl ?? 'http://127.0.0.1:9';
  const stats = emptyStats();
  const started = Date.parse('2024-05-06T07:08:09.000Z');
  let responseTotal = 0;
  let failureCount = 0;
  let execution = 0;
  const base: Omit<Cursor, 'ref' | 'position' | 'iteration'> = { length: options.items, cycles: iterations };
  const body = Buffer.from(
    options.bodyBytes === undefined
      ? JSON.stringify({ ok: true, token: secret, html: '<script>alert(1)</script>' })
      : 'x'.repeat(options.bodyBytes),
  );

  listener.start?.({
    cursor: { ...base, position: 0, iteration: 0, ref: 'start' },
    collection: { id: 'collection-1', name: 'Synthetic Collection' },
  });
  for (let iteration = 0; iteration < iterations; iteration++) {
    const iterationCursor: Cursor = { ...base, position: 0, iteration, ref: `iteration-${iteration}` };
    listener.beforeIteration?.({ cursor: iterationCursor });
    for (let position = 0; position < options.items; position++, execution++) {
      const cursor: Cursor = { ...base, position, iteration, ref: `ref-${iteration}-${position}` };
      const item = syntheticItem(position);
      const fail = (f: Omit<Failure, 'cursor' | 'source'>): void => {
        failureCount += 1;
        listener.failure?.({ ...f, cursor, source: item });
      };
      listener.beforeItem?.({ cursor, item });
      stats.items.total += 1;

      listener.beforePrerequest?.({ cursor, item });
      const preError = every(options.prerequestErrorEvery, execution)
        ? {
            name: 'ReferenceError',
            message: 'undefinedThing is not defined',
            stack: 'ReferenceError: at pre',
          }
        : undefined;
      listener.prerequest?.({ cursor, item, executions: [{ id: `pre-${position}`, error: preError }] });
      stats.prerequests.total += 1;
      stats.prerequestScripts.total += 1;
      stats.scripts.total += 1;
      if (preError) {
        stats.prerequestScripts.failed += 1;
        stats.scripts.failed += 1;
        fail({ error: preError, at: 'prerequest-script' });
      }

      const request: SentRequest = {
        method: position % 2 === 0 ? 'GET' : 'POST',
        url: `${baseUrl}/things/${position}?iteration=${iteration}`,
        headers: [
          { key: 'Authorization', value: `Bearer ${secret}` },
          { key: 'Content-Type', value: 'application/json' },
        ],
        body: position % 2 === 0 ? undefined : JSON.stringify({ position, secret }),
      };
      listener.beforeRequest?.({ cursor, item, request });
      const requestCursor = { ...cursor, httpRequestId: `http-${execution}` };
      stats.requests.total += 1;
      if (every(options.requestErrorEvery, execution)) {
        const error = { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', stack: 'Error: connect' };
        listener.request?.({ cursor: requestCursor, item, request, error });
        stats.requests.failed += 1;
        fail({ error, at: 'request' });
      } else {
        const code = position % 5 === 4 ? 404 : 200;
        const response: ReceivedResponse = {
          code,
          status: STATUS_TEXT[code] ?? '',
          headers: [
            { key: 'Content-Type', value: 'application/json; charset=utf-8' },
            { key: 'X-Echo', value: secret },
          ],
          body,
          responseTime: 10 + (execution % 7),
          responseSize: body.length,
        };
        responseTotal += body.length;
        listener.request?.({ cursor: requestCursor, item, request, response });
      }

      listener.beforeTest?.({ cursor, item });
      const failing = every(options.failAssertionEvery, execution);
      const assertions = [
        { name: 'status is 200', index: 0, skipped: false, passed: true },
        failing
          ? {
              name: 'body has id',
              index: 1,
              skipped: false,
              passed: false,
              error: {
                name: 'AssertionError',
                message: `expected '${secret}' to equal 'id'`,
                stack: `AssertionError: expected '${secret}' to equal 'id'\n   at test-script:2:3`,
              },
            }
          : { name: 'body has id', index: 1, skipped: false, passed: true },
        { name: 'skipped check', index: 2, skipped: true, passed: true },
      ];
      for (const assertion of assertions) {
        listener.assertion?.({ cursor, item, assertion });
        stats.assertions.total += 1;
        if (assertion.error) {
          stats.assertions.failed += 1;
          fail({
            error: { ...assertion.error, test: assertion.name, index: assertion.index },
            at: 'assertion',
          });
        }
      }
      if (every(options.consoleEvery, execution)) {
        listener.console?.({ cursor, item, level: 'log', messages: [`token is ${secret}`, { position }] });
      }
      listener.test?.({ cursor, item, executions: [{ id: `test-${position}` }] });
      stats.tests.total += 1;
      stats.testScripts.total += 1;
      stats.scripts.total += 1;
      listener.item?.({ cursor, item });
    }
    listener.iteration?.({ cursor: iterationCursor });
    stats.iterations.total += 1;
  }
  const summary: RunSummary = {
    collection: { id: 'collection-1', name: 'Synthetic Collection' },
    environment: {
      id: 'env-1',
      name: 'Synthetic Env',
      values: [{ key: 'token', value: secret, type: 'secret' }],
    },
    globals: { id: 'globals-1', values: [] },
    collectionVariables: [{ key: 'baseUrl', value: baseUrl }],
    stats,
    timings: {
      started,
      completed: started + 1234,
      responseAverage: 13,
      responseMin: 10,
      responseMax: 16,
      responseSd: 2,
    },
    transfers: { responseTotal },
    failureCount,
  };
  await listener.done?.({ summary });
  return summary;
}
