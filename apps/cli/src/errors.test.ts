import { describe, expect, it } from 'vitest';
import { CliError, describeFailure } from './errors.ts';

describe('CliError', () => {
  it('maps a code to its message and exit code', () => {
    const error = new CliError('INVALID_JSON', {
      what: 'environment',
      location: 'env.json',
      problem: 'unexpected end of input',
      line: 3,
      column: 1,
    });
    expect(error.message).toBe(
      'environment is not valid JSON: unexpected end of input at line 3, column 1 (env.json)',
    );
    expect(error.exitCode).toBe(2);
    expect(new CliError('RUN_FAILED', { reason: 'boom' }).exitCode).toBe(1);
  });
});

describe('describeFailure', () => {
  it('prints catalogue errors as "error: <message>"', () => {
    expect(describeFailure(new CliError('USAGE', { problem: 'no collection given' }))).toEqual({
      text: 'error: no collection given',
      exitCode: 2,
    });
  });

  it('prints unexpected errors without their stack, exit 1', () => {
    const { text, exitCode } = describeFailure(new TypeError('x is undefined'));
    expect(text).toBe('error: x is undefined');
    expect(exitCode).toBe(1);
  });
});
