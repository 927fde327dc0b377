/**
 * Test fixture: runs a collection with the real Newman (the reference implementation installed as a
 * dev dependency) and translates each of its run events into Postern's run events for a listener.
 * The listener then sees the same run Newman's own reporters saw, so report shapes can be compared.
 */
import { createRequire } from 'node:module';
import type {
  Assertion,
  ConsoleLevel,
  Cursor,
  ItemInfo,
  ReceivedResponse,
  RunError,
  RunListener,
  RunStats,
  RunSummary,
  ScriptExecution,
  SentRequest,
} from '@postern/runtime';

const require = createRequire(import.meta.url);

/** The few members of postman-collection objects the translation reads. */
interface SdkItem {
  id: string;
  name: string;
  forEachParent(callback: (parent: { name: string; id: string }) => void): void;
}
interface SdkList {
  all(): Array<{ key: string; value: string }>;
}
interface SdkRequest {
  method: string;
  url: { toString(): string };
  headers: SdkList;
  body?: { toString(): string; isEmpty?(): boolean };
}
interface SdkResponse {
  code: number;
  status: string;
  headers: SdkList;
  stream?: Buffer;
  responseTime: number;
  responseSize?: number;
}
interface NewmanCursor {
  position: number;
  iteration: number;
  length: number;
  cycles: number;
  ref: string;
  httpRequestId?: string;
  scriptId?: string;
}
interface NewmanEmitter {
  on(event: string, handler: (err: unknown, o: Record<string, unknown>) => void): void;
}
interface NewmanSummary {
  collection: { id: string; name: string; variables: { toJSON(): RunSummary['collectionVariables'] } };
  environment: { toJSON(): RunSummary['environment'] };
  globals: { toJSON(): RunSummary['globals'] };
  run: {
    stats: RunStats;
    timings: RunSummary['timings'];
    transfers: { responseTotal: number };
    failures: unknown[];
    error?: RunError | null;
  };
}
type NewmanRun = (
  options: Record<string, unknown>,
  callback: (err: unknown, summary: NewmanSummary) => void,
) => NewmanEmitter;

function cursorOf(o: Record<string, unknown>): Cursor {
  const c = o.cursor as NewmanCursor;
  return {
    position: c.position,
    iteration: c.iteration,
    length: c.length,
    cycles: c.cycles,
    ref: c.ref,
    httpRequestId: c.httpRequestId,
    scriptId: c.scriptId,
  };
}

/** Items of some Newman events (request) lack their parent links; the item seen at beforeItem has them. */
const itemsByRef = new Map<string, ItemInfo>();

function itemOf(o: Record<string, unknown>): ItemInfo {
  const known = itemsByRef.get((o.cursor as NewmanCursor).ref);
  if (known) return known;
  const item = o.item as SdkItem;
  const path: string[] = [];
  item.forEachParent((parent) => path.unshift(parent.name));
  return { id: item.id, name: item.name, path };
}

function errorOf(value: unknown): RunError {
  const e = value as { name?: string; message?: string; stack?: string };
  return { name: e.name ?? 'Error', message: e.message ?? '', stack: e.stack };
}

function sentRequest(request: SdkRequest): SentRequest {
  const body = request.body && !request.body.isEmpty?.() ? request.body.toString() : undefined;
  return {
    method: request.method,
    url: request.url.toString(),
    headers: request.headers.all().map((h) => ({ key: h.key, value: h.value })),
    body: body === '' ? undefined : body,
  };
}

function receivedResponse(response: SdkResponse): ReceivedResponse {
  const body = response.stream ?? Buffer.alloc(0);
  return {
    code: response.code,
    status: response.status,
    headers: response.headers.all().map((h) => ({ key: h.key, value: h.value })),
    body,
    responseTime: response.responseTime,
    responseSize: response.responseSize ?? body.length,
  };
}

/**
 * Runs `collection` through Newman with `newmanOptions` (its reporters, iterations…), while `listener`
 * receives the translated events. Resolves when Newman and the listener's `done` have finished.
 *
 * @example
 * await runNewmanInto(collection, { reporters: ['json'], reporter: { json: { export: 'n.json' } } }, ours);
 */
export function runNewmanInto(
  collection: unknown,
  newmanOptions: Record<string, unknown>,
  listener: RunListener,
): Promise<void> {
  const newman = require('newman') as { run: NewmanRun };
  const scriptErrors = new Map<string, RunError[]>();
  let failureCount = 0;
  return new Promise((resolve, reject) => {
    const emitter = newman.run({ ...newmanOptions, collection }, (err, summary) => {
      if (err) {
        reject(err);
        return;
      }
      const result: RunSummary = {
        collection: { id: summary.collection.id, name: summary.collection.name },
        environment: summary.environment.toJSON(),
        globals: summary.globals.toJSON(),
        collectionVariables: summary.collection.variables.toJSON(),
        stats: summary.run.stats,
        timings: summary.run.timings,
        transfers: summary.run.transfers,
        failureCount,
        error: summary.run.error ?? undefined,
      };
      Promise.resolve(listener.done?.({ summary: result })).then(() => resolve(), reject);
    });
    const on = (event: string, handler: (err: unknown, o: Record<string, unknown>) => void): void =>
      emitter.on(event, handler);
    on('start', (_err, o) => {
      const cursor = cursorOf(o);
      const info = (collection as { info?: { _postman_id?: string; name?: string } }).info;
      listener.start?.({ cursor, collection: { id: info?._postman_id ?? '', name: info?.name ?? '' } });
    });
    on('beforeIteration', (_err, o) => listener.beforeIteration?.({ cursor: cursorOf(o) }));
    on('iteration', (_err, o) => listener.iteration?.({ cursor: cursorOf(o) }));
    on('beforeItem', (_err, o) => {
      const item = itemOf(o);
      itemsByRef.set(cursorOf(o).ref, item);
      listener.beforeItem?.({ cursor: cursorOf(o), item });
    });
    on('item', (_err, o) => {
      const item = itemOf(o);
      itemsByRef.delete(cursorOf(o).ref);
      listener.item?.({ cursor: cursorOf(o), item });
    });
    on('beforeRequest', (_err, o) =>
      listener.beforeRequest?.({
        cursor: cursorOf(o),
        item: itemOf(o),
        request: sentRequest(o.request as SdkRequest),
      }),
    );
    on('request', (err, o) => {
      const cursor = cursorOf(o);
      const item = itemOf(o);
      const request = sentRequest(o.request as SdkRequest);
      if (err) {
        const error = errorOf(err);
        listener.request?.({ cursor, item, request, error });
        failureCount += 1;
        listener.failure?.({ error, at: 'request', source: item, cursor });
        return;
      }
      listener.request?.({ cursor, item, request, response: receivedResponse(o.response as SdkResponse) });
    });
    on('script', (err, o) => {
      if (!err) return;
      const cursor = cursorOf(o);
      const listen = (o.event as { listen: string }).listen;
      const error = errorOf(err);
      const key = `${cursor.ref}:${listen}`;
      scriptErrors.set(key, [...(scriptErrors.get(key) ?? []), error]);
      failureCount += 1;
      listener.failure?.({ error, at: `${listen}-script`, source: itemOf(o), cursor });
    });
    for (const phase of ['prerequest', 'test'] as const) {
      on(phase, (_err, o) => {
        const cursor = cursorOf(o);
        const errors = scriptErrors.get(`${cursor.ref}:${phase}`) ?? [];
        scriptErrors.delete(`${cursor.ref}:${phase}`);
        const executions: ScriptExecution[] = errors.map((error, i) => ({ id: `${phase}-${i}`, error }));
        if (executions.length === 0) executions.push({ id: `${phase}-0` });
        listener[phase]?.({ cursor, item: itemOf(o), executions });
      });
    }
    on('assertion', (err, o) => {
      const cursor = cursorOf(o);
      const item = itemOf(o);
      const e = err as { index?: number } | null;
      const assertion: Assertion = {
        name: String(o.assertion),
        index: e?.index ?? 0,
        skipped: o.skipped === true,
        passed: !err,
        error: err ? errorOf(err) : undefined,
      };
      listener.assertion?.({ cursor, item, assertion });
      if (err && assertion.error) {
        failureCount += 1;
        listener.failure?.({
          error: { ...assertion.error, test: assertion.name, index: assertion.index },
          at: `assertion:${assertion.index} in test-script`,
          source: item,
          cursor,
        });
      }
    });
    on('console', (_err, o) =>
      listener.console?.({
        cursor: cursorOf(o),
        level: o.level as ConsoleLevel,
        messages: o.messages as unknown[],
      }),
    );
  });
}
