/**
 * `pm.test` and the assertion log of one execution. Indexes are taken when a test starts (as in
 * Postman), results are reported when it completes: at once for sync tests, on `done()` for tests
 * declaring a callback parameter, and on settlement for tests returning a promise.
 */
import type { Assertion, RunError } from '../../../events.ts';

/** Data form of a thrown value, as reports show it. */
export function toRunError(error: unknown): RunError {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown };
    return {
      name: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
    };
  }
  return { name: 'Error', message: String(error) };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as { then?: unknown }).then === 'function';

/**
 * Collects assertions and tracks async tests still running.
 * @example const log = new AssertionLog((a) => send(a)); log.test('ok', () => {});
 */
export class AssertionLog {
  readonly assertions: Assertion[] = [];
  #nextIndex = 0;
  #pending = 0;
  #closed = false;
  readonly #report: (assertion: Assertion) => void;

  constructor(report: (assertion: Assertion) => void) {
    this.#report = report;
  }

  /** Async tests started and not yet completed. */
  get pending(): number {
    return this.#closed ? 0 : this.#pending;
  }

  /** The index the next assertion will get (legacy `tests` continue from it). */
  get nextIndex(): number {
    return this.#nextIndex;
  }

  /** Stops recording (after `pm.execution.skipRequest()` Postman drops later results). */
  close(): void {
    this.#closed = true;
  }

  record(assertion: Assertion): void {
    if (this.#closed) return;
    this.assertions.push(assertion);
    this.#report(assertion);
  }

  #start(name: unknown, skipped: boolean): Assertion {
    return { name: String(name), index: this.#nextIndex++, skipped, passed: true };
  }

  #complete(assertion: Assertion, error?: unknown): void {
    if (error !== undefined) {
      assertion.passed = false;
      assertion.error = toRunError(error);
    }
    this.record(assertion);
  }

  /** Runs one `pm.test(name, fn)`. */
  test(name: unknown, fn: unknown): void {
    const assertion = this.#start(name, false);
    if (typeof fn !== 'function') {
      this.record(assertion);
      return;
    }
    const testFn = fn as (done?: (err?: unknown) => void) => unknown;
    if (testFn.length) {
      this.#runWithCallback(assertion, testFn);
      return;
    }
    let result: unknown;
    try {
      result = testFn();
    } catch (err) {
      this.#complete(assertion, err);
      return;
    }
    if (!isThenable(result)) {
      this.record(assertion);
      return;
    }
    this.#pending++;
    result.then(
      () => {
        this.#pending--;
        this.record(assertion);
      },
      (err: unknown) => {
        this.#pending--;
        this.#complete(assertion, err ?? new Error('test promise rejected'));
      },
    );
  }

  #runWithCallback(assertion: Assertion, fn: (done: (err?: unknown) => void) => unknown): void {
    let finished = false;
    this.#pending++;
    const done = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      this.#pending--;
      this.#complete(assertion, err ? err : undefined);
    };
    try {
      fn(done);
    } catch (err) {
      if (!finished) done(err ?? new Error('test failed'));
    }
  }

  /** `pm.test.skip(name)`. */
  skip(name: unknown): void {
    this.record(this.#start(name, true));
  }

  /** Legacy `tests['name'] = value` entries, reported in key order after the script. */
  recordLegacyTests(tests: Record<string, unknown>): void {
    let index = this.#nextIndex;
    for (const key of Object.keys(tests)) {
      const value = tests[key];
      const assertion: Assertion = { name: key, index: index++, skipped: false, passed: Boolean(value) };
      if (!value)
        assertion.error = { name: 'AssertionError', message: `expected ${String(value)} to be truthy` };
      this.record(assertion);
    }
  }
}
