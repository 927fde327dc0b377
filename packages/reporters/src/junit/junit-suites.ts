/**
 * Per-item JUnit aggregates, as Newman builds them: one testsuite per request item (all its
 * iterations together), one testcase per distinct assertion name, failures counted across
 * iterations, script and request errors collected into `system-err`. Held per item, with caps, so
 * memory follows the collection's size and not the run's length.
 */
import type { RunError } from '@postern/runtime';
import { fullName } from '../shared/collection-index.ts';
import type { ExecutionRecord } from '../shared/execution-tracker.ts';

/** Distinct testcases kept per suite (assertion names built from data could otherwise grow without end). */
export const MAX_CASES_PER_SUITE = 1000;
/** Characters of `system-err` kept per suite. */
export const MAX_SYSTEM_ERR = 32 * 1024;

export interface TestCaseState {
  failures: number;
  firstError?: RunError;
}

export interface SuiteState {
  id: string;
  name: string;
  executions: number;
  timeSum: number;
  /** Seconds of the last execution (Newman gives every testcase this time). */
  lastTime: number;
  /** Assertions of the last execution (Newman's `tests` attribute). */
  tests: number;
  failures: number;
  errors: number;
  cases: Map<string, TestCaseState>;
  droppedCases: number;
  systemErr: string;
}

/**
 * Adds one finished item execution to its suite (created on first use).
 *
 * @example
 * const suites = new Map<string, SuiteState>();
 * addExecution(suites, record, redact);
 */
export function addExecution(
  suites: Map<string, SuiteState>,
  record: ExecutionRecord,
  redact: (text: string) => string,
): void {
  let suite = suites.get(record.item.id);
  if (!suite) {
    suite = {
      id: record.item.id,
      name: fullName(record.item),
      executions: 0,
      timeSum: 0,
      lastTime: 0,
      tests: 0,
      failures: 0,
      errors: 0,
      cases: new Map(),
      droppedCases: 0,
      systemErr: '',
    };
    suites.set(record.item.id, suite);
  }
  const seconds = (record.response?.responseTime ?? 0) / 1000 || 0;
  suite.executions += 1;
  suite.timeSum += seconds;
  suite.lastTime = seconds;
  suite.tests = record.assertions.length;

  let message = `Iteration: ${record.cursor.iteration}\n`;
  let errored = false;
  if (record.requestError) {
    suite.errors += 1;
    errored = true;
    message += `RequestError: ${errorText(record.requestError)}\n`;
  }
  message += '\n---\n';
  const scriptErrors: Array<[string, RunError[]]> = [
    ['testScript', record.testErrors],
    ['prerequestScript', record.prerequestErrors],
  ];
  for (const [phase, errors] of scriptErrors) {
    for (const error of errors) {
      suite.errors += 1;
      errored = true;
      message += `${phase}Error: ${errorText(error)}\n---\n`;
    }
  }
  if (errored && suite.systemErr.length < MAX_SYSTEM_ERR) {
    suite.systemErr = (suite.systemErr + redact(message)).slice(0, MAX_SYSTEM_ERR);
  }

  for (const assertion of record.assertions) {
    const failed = !assertion.passed && !assertion.skipped;
    if (failed) suite.failures += 1;
    let testCase = suite.cases.get(assertion.name);
    if (!testCase) {
      if (suite.cases.size >= MAX_CASES_PER_SUITE) {
        suite.droppedCases += 1;
        continue;
      }
      testCase = { failures: 0 };
      suite.cases.set(assertion.name, testCase);
    }
    if (failed) {
      testCase.failures += 1;
      testCase.firstError ??= assertion.error ?? { name: 'AssertionError', message: assertion.name };
    }
  }
}

function errorText(error: RunError): string {
  return error.stack || error.message;
}

/**
 * Newman's testcase classname: the suite name in UpperCamelCase, non-word characters removed.
 *
 * @example
 * className('Folder A / Sub F / post it'); // 'FolderASubFPostIt'
 */
export function className(name: string): string {
  const words = name.match(/[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\s\W\d_]+/g) ?? [];
  return words
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('')
    .replace(/\W/g, '');
}
