/**
 * `pm.test` and the assertion log of one execution. Indexes are taken when a test starts (as in
 * Postman), results are reported when it completes: at once for sync tests, on `done()` for tests
 * declaring a callback parameter, and on settlement for tests returning a promise.
 *
 * As in postman-sandbox's test runner: any thrown value fails the test (`undefined`, `null`, `0`
 * and `''` too), and every `done()` call reports the test again (twice gives two assertions with
 * the same index) until it has failed with a truthy error; `done(err)` fails it when `err` is truthy.
 */
import type { Assertion, RunError } from '../../../events.ts';

/**
 * A failed test's error as Newman reports it: the thrown value's `name` (else `AssertionError`) and
 * `message` (else the test's name, so a thrown string or `undefined` shows the test name).
 * @example assertionError(undefined, 'status ok') // { name: 'AssertionError', message: 'status ok' }
 */
export function assertionError(error: unknown, testName: string): RunError {
  const fallback: RunError = { name: 'AssertionError', message: testName };
  if (!error || (typeof error !== 'object' && typeof error !== 'function')) return fallback;
  try {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return {
      name: name === undefined || name === null || name === '' ? fallback.name : String(name),
      message: message === undefined || message === null ? testName : String(message),
    };
  } catch {
    return fallback;
  }
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

  /** Marks the test failed by `error` (whatever was thrown or given to `done`). */
  #fail(assertion: Assertion, error: unknown): void {
    assertion.passed = false;
    assertion.error = assertionError(error, assertion.name);
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
      this.#fail(assertion, err);
      this.record(assertion);
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
        this.#fail(assertion, err ?? new Error('test promise rejected'));
        this.record(assertion);
      },
    );
  }

  /** A test taking `done`: each call reports the test's state at that time (see the file comment). */
  #runWithCallback(assertion: Assertion, fn: (done: (err?: unknown) => void) => unknown): void {
    let counted = true;
    /** The value the test last failed with, as postman-sandbox keeps it. */
    let failedWith: unknown;
    this.#pending++;
    const report = (): void => {
      if (counted) this.#pending--;
      counted = false;
      this.record({ ...assertion });
    };
    const fail = (err: unknown): void => {
      failedWith = err;
      this.#fail(assertion, err);
    };
    const done = (err?: unknown): void => {
      if (failedWith && !assertion.passed) return;
      if (err) fail(err);
      report();
    };
    try {
      fn(done);
    } catch (err) {
      fail(err);
      report();
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
