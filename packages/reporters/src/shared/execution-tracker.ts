/**
 * Groups the events of one item execution (same `cursor.ref`) into a record, hands it over when the
 * item's `item` event arrives and forgets it. Only in-flight executions are held (one per concurrent
 * iteration), so file reporters can stream executions without accumulating them.
 */
import type {
  Assertion,
  Cursor,
  ItemInfo,
  ReceivedResponse,
  RunError,
  RunListener,
  SentRequest,
} from '@postern/runtime';

export interface ExecutionRecord {
  cursor: Cursor;
  item: ItemInfo;
  /** The main request of the item (not `pm.sendRequest` calls). */
  request?: SentRequest;
  response?: ReceivedResponse;
  requestError?: RunError;
  assertions: Assertion[];
  prerequestErrors: RunError[];
  testErrors: RunError[];
  skipped: boolean;
}

type TrackedEvents = Required<
  Pick<RunListener, 'beforeItem' | 'prerequest' | 'request' | 'assertion' | 'test' | 'item'>
>;

/**
 * Returns listener callbacks that build execution records; `onExecution` receives each finished one.
 *
 * @example
 * const tracker = trackExecutions((record) => spool.append(JSON.stringify(record.item)));
 * const listener: RunListener = { ...tracker, done() {} };
 */
export function trackExecutions(onExecution: (record: ExecutionRecord) => void): TrackedEvents {
  const inFlight = new Map<string, ExecutionRecord>();
  const recordOf = (cursor: Cursor, item: ItemInfo): ExecutionRecord => {
    let record = inFlight.get(cursor.ref);
    if (!record) {
      record = { cursor, item, assertions: [], prerequestErrors: [], testErrors: [], skipped: false };
      inFlight.set(cursor.ref, record);
    }
    return record;
  };
  return {
    beforeItem(e) {
      recordOf(e.cursor, e.item);
    },
    prerequest(e) {
      const record = recordOf(e.cursor, e.item);
      for (const execution of e.executions)
        if (execution.error) record.prerequestErrors.push(execution.error);
    },
    request(e) {
      if (e.sendRequest) return;
      const record = recordOf(e.cursor, e.item);
      record.cursor = e.cursor;
      record.request = e.request;
      record.response = e.response;
      record.requestError = e.error;
    },
    assertion(e) {
      recordOf(e.cursor, e.item).assertions.push(e.assertion);
    },
    test(e) {
      const record = recordOf(e.cursor, e.item);
      for (const execution of e.executions) if (execution.error) record.testErrors.push(execution.error);
    },
    item(e) {
      const record = inFlight.get(e.cursor.ref) ?? recordOf(e.cursor, e.item);
      inFlight.delete(e.cursor.ref);
      record.skipped = e.skipped === true;
      onExecution(record);
    },
  };
}
