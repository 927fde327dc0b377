// Checks a Newman result against what the case says Newman should do, so a wrong or flaky
// collection is caught before it is used to judge postern.
import { requestErrorMessage } from './normalise.ts';
import type { CaseExpectation, NormalisedResult } from './types.ts';

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * Lists every way `result` departs from `expectation` (empty when it matches). Without an
 * expectation a run must pass completely, as Newman's own integration tests require.
 *
 * @example baselineProblems(newmanResult, { failing: ['wrong on purpose'] }) // []
 */
export function baselineProblems(result: NormalisedResult, expectation: CaseExpectation = {}): string[] {
  const problems: string[] = [];
  const failed = sorted(
    result.executions.flatMap((e) => e.assertions.filter((a) => !a.passed).map((a) => a.name)),
  );
  const requestErrors = sorted(result.executions.filter((e) => e.error).map((e) => e.item));
  const scriptErrors = sorted(result.executions.filter((e) => e.scriptErrors).map((e) => e.item));
  const compare = (what: string, actual: string[], expected: string[] | undefined) => {
    const want = sorted(expected ?? []);
    const unexpected = actual.filter((x) => !want.includes(x));
    const missing = want.filter((x) => !actual.includes(x));
    if (unexpected.length > 0) problems.push(`unexpected ${what}: ${JSON.stringify(unexpected)}`);
    if (missing.length > 0) problems.push(`expected ${what} did not happen: ${JSON.stringify(missing)}`);
  };
  compare('failing assertions', failed, expectation.failing);
  compare('request errors', requestErrors, expectation.requestErrors);
  compare('script errors', scriptErrors, expectation.scriptErrors);
  for (const e of result.executions) {
    if (e.error && !expectation.requestErrors?.includes(e.item))
      problems.push(`request error in ${JSON.stringify(e.item)}: ${requestErrorMessage(e) ?? 'unknown'}`);
  }
  if (expectation.aborted && result.executions.length > 0)
    problems.push('expected the run to abort before any report');
  const anythingExpected =
    (expectation.aborted ? 1 : 0) +
    (expectation.failing?.length ?? 0) +
    (expectation.requestErrors?.length ?? 0) +
    (expectation.scriptErrors?.length ?? 0);
  const exitCode = expectation.exitCode ?? (anythingExpected > 0 ? 1 : 0);
  if (result.exitCode !== exitCode) problems.push(`exit code ${result.exitCode}, expected ${exitCode}`);
  return problems;
}
