import { describe, expect, it } from 'vitest';
import { baselineProblems } from './baseline.ts';
import { maskRunValues, normaliseRun, normaliseVariables } from './normalise.ts';

// Trimmed from a real `newman run -r json` report: one passing request, one refused request.
const report = {
  run: {
    executions: [
      {
        item: { id: 'i1', name: 'get' },
        response: { code: 200, status: 'OK' },
        assertions: [
          { assertion: 'ok' },
          { assertion: 'wrong', error: { name: 'AssertionError', message: 'expected 1 to equal 2' } },
          { assertion: 'later', skipped: true },
        ],
        testScript: [{ error: { name: 'ReferenceError', message: 'x is not defined' } }],
      },
      { item: { id: 'i2', name: 'refused' }, requestError: { code: 'ECONNREFUSED' } },
    ],
  },
};

describe('normaliseRun', () => {
  it('keeps item names, codes, request errors, assertion outcomes and script errors', () => {
    const result = normaliseRun(report, { values: [{ key: 'a', value: 1 }] }, [{ key: 'g', value: 'x' }], 1);
    expect(result).toEqual({
      executions: [
        {
          item: 'get',
          code: 200,
          assertions: [
            { name: 'ok', passed: true, skipped: false },
            { name: 'wrong', passed: false, skipped: false },
            { name: 'later', passed: true, skipped: true },
          ],
          scriptErrors: ['test:ReferenceError'],
        },
        { item: 'refused', error: true, assertions: [] },
      ],
      environment: { a: 1 },
      globals: { g: 'x' },
      exitCode: 1,
    });
  });

  it('lets the last duplicate variable win and tolerates missing files', () => {
    expect(
      normaliseVariables({
        values: [
          { key: 'd', value: '1' },
          { key: 'd', value: '2' },
        ],
      }),
    ).toEqual({ d: '2' });
    expect(normaliseRun(undefined, undefined, undefined, undefined)).toEqual({
      executions: [],
      environment: {},
      globals: {},
    });
  });
});

describe('baselineProblems', () => {
  const result = normaliseRun(report, undefined, undefined, 1);

  it('accepts a run that fails exactly where the case says', () => {
    expect(
      baselineProblems(result, { failing: ['wrong'], requestErrors: ['refused'], scriptErrors: ['get'] }),
    ).toEqual([]);
  });

  it('reports unexpected and missing failures and a wrong exit code', () => {
    expect(baselineProblems(result, { failing: ['ok'], exitCode: 0 })).toEqual([
      'unexpected failing assertions: ["wrong"]',
      'expected failing assertions did not happen: ["ok"]',
      'unexpected request errors: ["refused"]',
      'unexpected script errors: ["get"]',
      'request error in "refused": ECONNREFUSED',
      'exit code 1, expected 0',
    ]);
  });
});

describe('maskRunValues', () => {
  it('masks uuids and unix timestamps in assertion names, and nothing else', () => {
    expect(maskRunValues('Correct GUID: 036f4c6e-998e-4858-bad9-7eb0fea0360e')).toBe('Correct GUID: <uuid>');
    expect(maskRunValues('Correct Timestamp: 1795854375')).toBe('Correct Timestamp: <timestamp>');
    expect(maskRunValues('status is 200, took 12345678901 ms, v1.234567890')).toBe(
      'status is 200, took 12345678901 ms, v1.234567890',
    );
  });

  it('applies to both runners alike through normaliseRun', () => {
    const named = (name: string) => ({
      run: { executions: [{ item: { name: 'i' }, assertions: [{ assertion: name }] }] },
    });
    const a = normaliseRun(named('id 11111111-2222-4333-8444-555555555555 at 1700000000'), {}, {}, 0);
    const b = normaliseRun(named('id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee at 1700000001'), {}, {}, 0);
    expect(a).toEqual(b);
    expect(a.executions[0]?.assertions[0]?.name).toBe('id <uuid> at <timestamp>');
  });
});
