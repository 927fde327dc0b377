/**
 * A 100,000-request run through the json reporter must not grow the heap with the run: executions
 * and failures are spooled to disk as they arrive. Events are emitted synchronously, the worst case
 * for a reporter that would queue writes in memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RunListener } from '@postern/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonReporter } from './json/json-reporter.ts';
import { emitSyntheticRun, syntheticContext } from './test-support/synthetic-run.ts';

const MB = 1024 * 1024;

/**
 * A garbage collector when V8 lets us have one at run time (tests do not run with --expose-gc), so the
 * samples measure what is retained rather than garbage not yet collected.
 */
function garbageCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
const dir = mkdtempSync(join(tmpdir(), 'postern-memory-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memory on long runs', () => {
  it('keeps heap growth small over 100,000 executions through the json reporter', async () => {
    const ctx = syntheticContext({ cwd: dir, items: 100 });
    const reporter = jsonReporter({ export: 'big.json' }, ctx);
    const gc = garbageCollector();
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let items = 0;
    // With a collector, sample the heap as the run goes (nothing may accumulate along the way);
    // without one, garbage makes samples noisy, so only the end state is compared.
    const sampling: RunListener = {
      ...reporter,
      item(e) {
        reporter.item?.(e);
        items += 1;
        if (gc && items % 10_000 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      },
    };
    await emitSyntheticRun(sampling, {
      items: 100,
      iterations: 1000,
      failAssertionEvery: 50,
      bodyBytes: 16,
    });
    await reporter.close?.();
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);

    expect(items).toBe(100_000);
    // Measured retained growth is under 1 MB; without a collector, allow for uncollected garbage.
    expect((peak - baseline) / MB).toBeLessThan(gc ? 10 : 50);
    // The report really holds the run (about a kilobyte per execution at least).
    expect(statSync(join(dir, 'big.json')).size).toBeGreaterThan(100_000 * 1000);
  }, 120_000);
});
