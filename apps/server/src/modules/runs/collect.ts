/**
 * A run listener that keeps what the API answers about a server-side run: one execution per item
 * run (its last request's status and time, its assertions) and the failures, in order. Bodies and
 * headers are not kept: the caller may not be allowed to see the secrets they carry.
 */
import type { Failure, RunListener } from '@postern/runtime';

/** At most this many executions are returned; a longer run says `truncated`. */
export const MAX_EXECUTIONS = 5_000;

export interface RunExecution {
  iteration: number;
  item: { id: string; name: string };
  request: { method: string; url: string } | null;
  response: { code: number; status: string; responseTime: number } | null;
  /** Why the request failed (refused by a guard, connection error, timeout). */
  requestError?: string;
  assertions: Array<{ name: string; passed: boolean; skipped: boolean; error?: string }>;
}

export interface RunFailure {
  at: string;
  iteration: number;
  source: { id: string; name: string };
  error: { name: string; message: string; test?: string };
}

export interface CollectedRun {
  executions: RunExecution[];
  failures: RunFailure[];
  truncated: boolean;
}

/**
 * @example
 * const { listener, result } = collectRun();
 * await run(options, listener);
 * result.executions; // [{ item, response: { code, responseTime }, assertions }]
 */
export function collectRun(): { listener: RunListener; result: CollectedRun } {
  const result: CollectedRun = { executions: [], failures: [], truncated: false };
  const byRef = new Map<string, RunExecution>();

  const executionOf = (ref: string, iteration: number, item: { id: string; name: string }) => {
    let execution = byRef.get(ref);
    if (execution) return execution;
    execution = {
      iteration,
      item: { id: item.id, name: item.name },
      request: null,
      response: null,
      assertions: [],
    };
    byRef.set(ref, execution);
    if (result.executions.length < MAX_EXECUTIONS) result.executions.push(execution);
    else result.truncated = true;
    return execution;
  };

  const listener: RunListener = {
    request(e) {
      if (e.sendRequest) return;
      const execution = executionOf(e.cursor.ref, e.cursor.iteration, e.item);
      // An auth handshake sends several requests for one item: the last one is the item's.
      execution.request = { method: e.request.method, url: e.request.url };
      execution.response = e.response
        ? { code: e.response.code, status: e.response.status, responseTime: e.response.responseTime }
        : null;
      if (e.error) execution.requestError = e.error.message;
      else delete execution.requestError;
    },
    assertion(e) {
      const execution = executionOf(e.cursor.ref, e.cursor.iteration, e.item);
      const { name, passed, skipped, error } = e.assertion;
      execution.assertions.push({ name, passed, skipped, ...(error ? { error: error.message } : {}) });
    },
    item(e) {
      byRef.delete(e.cursor.ref);
    },
    failure(e: Failure) {
      if (result.failures.length >= MAX_EXECUTIONS) {
        result.truncated = true;
        return;
      }
      result.failures.push({
        at: e.at,
        iteration: e.cursor.iteration,
        source: { id: e.source.id, name: e.source.name },
        error: {
          name: e.error.name,
          message: e.error.message,
          ...(e.error.test !== undefined ? { test: e.error.test } : {}),
        },
      });
    },
  };
  return { listener, result };
}
