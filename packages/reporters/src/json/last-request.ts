/**
 * Newman's JSON summary keeps one execution object per item execution and overwrites its
 * `request`/`response` on every `request` event of that execution — `pm.sendRequest` calls
 * included — while `requestError`, once set by a failed request, stays. The entry therefore shows
 * the item's LAST request, and a failed `pm.sendRequest` marks it as a request error.
 */
import {
  type Cursor,
  extend,
  type ReceivedResponse,
  type RunError,
  type RunListener,
  type SentRequest,
} from '@postern/runtime';
import type { ExecutionRecord } from '../shared/execution-tracker.ts';

type RequestEvent = Parameters<NonNullable<RunListener['request']>>[0];

interface LastRequest {
  cursor: Cursor;
  request: SentRequest;
  response?: ReceivedResponse;
  requestError?: RunError;
}

/**
 * Remembers the last request event of each in-flight item execution (by `cursor.ref`).
 *
 * @example
 * const last = new LastRequestTracker();
 * listener.request = (e) => last.note(e);
 * onExecution(last.apply(record)); // record now shows the last request, sticky requestError
 */
export class LastRequestTracker {
  private readonly byRef = new Map<string, LastRequest>();

  note(e: RequestEvent): void {
    const previous = this.byRef.get(e.cursor.ref);
    const requestError = e.error ?? previous?.requestError;
    const last: LastRequest = { cursor: e.cursor, request: e.request };
    if (e.response) last.response = e.response;
    if (requestError) last.requestError = requestError;
    this.byRef.set(e.cursor.ref, last);
  }

  /** The record as Newman's JSON shows it; forgets the execution. */
  apply(record: ExecutionRecord): ExecutionRecord {
    const last = this.byRef.get(record.cursor.ref);
    if (!last) return record;
    this.byRef.delete(record.cursor.ref);
    const { response: _response, requestError: _requestError, ...rest } = record;
    const out: ExecutionRecord = extend(rest, { cursor: last.cursor, request: last.request });
    if (last.response) out.response = last.response;
    if (last.requestError) out.requestError = last.requestError;
    return out;
  }
}
