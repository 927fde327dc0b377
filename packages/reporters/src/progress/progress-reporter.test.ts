import { describe, expect, it } from 'vitest';
import { fakeTty } from '../test-support/fake-tty.ts';
import { emitSyntheticRun, syntheticContext } from '../test-support/synthetic-run.ts';
import { progressReporter } from './progress-reporter.ts';

describe('progress reporter', () => {
  it('draws one bar over all items of all iterations, with the failure count', async () => {
    const tty = fakeTty();
    const reporter = progressReporter({}, syntheticContext({ cwd: '/tmp', stdout: tty.stream }));
    await emitSyntheticRun(reporter, { items: 5, iterations: 4, failAssertionEvery: 10 });
    await reporter.close?.();
    const out = tty.output();
    expect(out).toContain('progress [');
    expect(out).toContain('100% | ETA: 0s | 20/20 | failures: 2');
  });

  it('draws nothing when silent or when the output is not a terminal', async () => {
    const tty = fakeTty();
    const silent = progressReporter({}, syntheticContext({ cwd: '/tmp', stdout: tty.stream, silent: true }));
    await emitSyntheticRun(silent, { items: 2 });
    expect(tty.output()).toBe('');

    const ctx = syntheticContext({ cwd: '/tmp' });
    const piped = progressReporter({}, ctx);
    await emitSyntheticRun(piped, { items: 2 });
    await piped.close?.();
    expect(ctx.output()).toBe('');
  });
});
