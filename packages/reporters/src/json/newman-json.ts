/**
 * Newman's JSON summary shapes (`run.executions[]`, `run.failures[]`, environment/globals), written
 * as JSON text with every string passed through the redactor.
 */
import type {
  Collection,
  Item,
  ItemGroup,
  RequestDefinition,
  TreeNode,
  VariableList,
} from '@postern/collection';
import { type Cursor, extend, type Failure, type RunError, type RunSummary } from '@postern/runtime';
import { collectionId, type IndexedItem } from '../shared/collection-index.ts';
import type { ExecutionRecord } from '../shared/execution-tracker.ts';
import { failureLocation } from '../shared/failure-text.ts';
import { toPostmanUrl } from './postman-url.ts';

type Redact = (text: string) => string;
type Replacer = (key: string, value: unknown) => unknown;

/** Item definitions are embedded in every execution; caching their JSON saves a stringify per request. */
const ITEM_CACHE_LIMIT = 10_000;

export class NewmanJsonWriter {
  private readonly replacer: Replacer;
  private readonly itemJson = new Map<string, string>();

  private readonly redactsNothing: boolean;

  /**
   * `redactsNothing`: `redact` is known to return its input (no secrets), so strings need not go
   * through it one by one (JSON.stringify with a replacer is several times slower).
   * @example
   * const writer = new NewmanJsonWriter(indexCollection(collection), redact);
   * spool.append(writer.execution(record));
   */
  constructor(
    private readonly index: Map<string, IndexedItem>,
    private readonly redact: Redact,
    redactsNothing = false,
  ) {
    this.redactsNothing = redactsNothing;
    this.replacer = (_key, value) => (typeof value === 'string' ? redact(value) : value);
  }

  /** JSON text of any value, strings redacted. */
  stringify(value: unknown, indent?: number): string {
    return (
      (this.redactsNothing
        ? JSON.stringify(value, null, indent)
        : JSON.stringify(value, this.replacer, indent)) ?? 'null'
    );
  }

  /** `{id, name, request, response, event}` from the collection, or `{id, name}` when unknown. */
  item(item: { id: string; name: string }): string {
    const cached = this.itemJson.get(item.id);
    if (cached !== undefined) return cached;
    const definition = this.index.get(item.id)?.definition;
    const json = this.stringify(
      definition
        ? {
            id: definition.id,
            name: definition.name,
            request: withUrlLists(definition.request),
            response: definition.response ?? [],
            event: definition.event,
          }
        : { id: item.id, name: item.name },
    );
    if (this.itemJson.size < ITEM_CACHE_LIMIT) this.itemJson.set(item.id, json);
    return json;
  }

  /** One `run.executions[]` entry. */
  execution(record: ExecutionRecord, responseId: string): string {
    // Hot path (once per request): strings are redacted field by field and the result stringified
    // without a replacer, which keeps JSON.stringify on V8's fast path.
    const r = this.redact;
    const { request, response } = record;
    let json = `{"cursor":${JSON.stringify(cursorJson(record.cursor, r))},"item":${this.item(record.item)}`;
    if (request) {
      const requestJson: Record<string, unknown> = {
        url: toPostmanUrl(r(request.url)),
        header: redactHeaders(request.headers, r),
        method: r(request.method),
      };
      if (request.body !== undefined) requestJson.body = { mode: 'raw', raw: r(request.body) };
      json += `,"request":${JSON.stringify(requestJson)}`;
    }
    if (response) {
      const body = this.redactsNothing ? response.body : redactBytes(response.body, r);
      json +=
        `,"response":{"id":${JSON.stringify(responseId)},"status":${JSON.stringify(r(response.status))}` +
        `,"code":${response.code},"header":${JSON.stringify(redactHeaders(response.headers, r))}` +
        // Buffer's own toJSON shape, written directly: no intermediate array of numbers.
        `,"stream":{"type":"Buffer","data":[${body.join(',')}]},"cookie":[]` +
        `,"responseTime":${response.responseTime},"responseSize":${response.responseSize}}`;
    }
    json += `,"id":${JSON.stringify(r(record.item.id))}`;
    if (record.requestError) json += `,"requestError":${JSON.stringify(errorJson(record.requestError, r))}`;
    if (record.prerequestErrors.length > 0) {
      json += `,"prerequestScript":${scriptErrorsJson(record.prerequestErrors, r)}`;
    }
    if (record.testErrors.length > 0) json += `,"testScript":${scriptErrorsJson(record.testErrors, r)}`;
    const assertions = record.assertions.map((a) => {
      const entry: Record<string, unknown> = { assertion: r(a.name), skipped: a.skipped };
      if (a.error && !a.passed) {
        entry.error = {
          name: r(a.error.name),
          index: a.index,
          test: r(a.name),
          message: r(a.error.message),
          stack: a.error.stack === undefined ? undefined : r(a.error.stack),
        };
      }
      return entry;
    });
    return `${json},"assertions":${JSON.stringify(assertions)}}`;
  }

  /** One `run.failures[]` entry. */
  failure(failure: Failure): string {
    const indexed = this.index.get(failure.source.id);
    const parent = failure.parent ?? indexed?.parent;
    const parts = [
      member('error', this.stringify(failure.error)),
      member('at', this.stringify(failureLocation(failure))),
      member('source', this.item(failure.source)),
    ];
    if (parent) parts.push(member('parent', this.stringify(parent)));
    parts.push(member('cursor', JSON.stringify(cursorJson(failure.cursor, this.redact))));
    return `{${parts.join(',')}}`;
  }
}

function member(key: string, json: string): string {
  return `${JSON.stringify(key)}:${json}`;
}

function errorJson(error: RunError, r: Redact): RunError {
  return {
    name: r(error.name),
    message: r(error.message),
    stack: error.stack === undefined ? undefined : r(error.stack),
  };
}

function scriptErrorsJson(errors: RunError[], r: Redact): string {
  return JSON.stringify(errors.map((error) => ({ error: errorJson(error, r) })));
}

function redactHeaders(
  headers: ReadonlyArray<{ key: string; value: string }>,
  r: Redact,
): Array<{ key: string; value: string }> {
  return headers.map((h) => ({ key: r(h.key), value: r(h.value) }));
}

/** Newman's cursor fields, with the flags it derives from position. */
function cursorJson(cursor: Cursor | undefined, r: Redact): Record<string, unknown> {
  if (!cursor) return {};
  return {
    position: cursor.position,
    iteration: cursor.iteration,
    length: cursor.length,
    cycles: cursor.cycles,
    empty: cursor.length === 0,
    eof: cursor.position >= cursor.length - 1,
    bof: cursor.position === 0,
    cr: false,
    ref: r(cursor.ref),
    httpRequestId: cursor.httpRequestId === undefined ? undefined : r(cursor.httpRequestId),
    scriptId: cursor.scriptId === undefined ? undefined : r(cursor.scriptId),
  };
}

/** The body with secrets replaced; untouched (and not copied) when it holds none. */
function redactBytes(body: Buffer, redact: Redact): Buffer {
  const text = body.toString('utf8');
  const redacted = redact(text);
  return redacted === text ? body : Buffer.from(redacted, 'utf8');
}

/** Newman's `{id, name?, values: [{type, value, key}]}` for environment and globals. */
export function variableScopeJson(
  scope: RunSummary['environment'] | VariableList | undefined,
  fallbackId: string,
): Record<string, unknown> {
  const json: Record<string, unknown> = { id: scope?.id ?? fallbackId };
  if (scope?.name !== undefined) json.name = scope.name;
  json.values = (scope?.values ?? []).map((v) => ({ type: v.type ?? 'any', value: v.value, key: v.key }));
  return json;
}

/**
 * The collection as run, with its variables as they were at the end of the run, in the shape
 * postman-collection's `toJSON` gives Newman (`_.postman_id`, url `query`/`variable` lists).
 */
export function collectionJson(collection: Collection, summary: RunSummary): Record<string, unknown> {
  const withLists = (nodes: TreeNode[]): unknown[] =>
    nodes.map((node) => {
      if (Array.isArray((node as ItemGroup).item))
        return { ...node, item: withLists((node as ItemGroup).item) };
      const item = node as Item;
      return item.request ? { ...item, request: withUrlLists(item.request) } : item;
    });
  return {
    ...collection,
    item: withLists(collection.item ?? []),
    variable: summary.collectionVariables ?? collection.variable,
    _: { postman_id: collectionId(collection) },
  };
}

/** postman-collection always writes `query` and `variable` lists on a url object. */
function withUrlLists(request: RequestDefinition): RequestDefinition {
  const url = request.url;
  if (!url || typeof url !== 'object' || (url.query && url.variable)) return request;
  return extend(request, { url: extend(url, { query: url.query ?? [], variable: url.variable ?? [] }) });
}

/** Newman's `run.timings`: every phase present, zero when not measured. */
export function timingsJson(summary: RunSummary): Record<string, unknown> {
  const zero = {
    responseAverage: 0,
    responseMin: 0,
    responseMax: 0,
    responseSd: 0,
    dnsAverage: 0,
    dnsMin: 0,
    dnsMax: 0,
    dnsSd: 0,
    firstByteAverage: 0,
    firstByteMin: 0,
    firstByteMax: 0,
    firstByteSd: 0,
  };
  return { ...zero, ...summary.timings };
}
