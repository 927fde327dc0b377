/**
 * A 100,000-request run through the json reporter must not grow the heap with the run: executions
 * and failures are spooled to disk as they arrive. Events are emitted synchronously, the worst case
 * for a reporter that would queue writes in memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunListener } from '@postern/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonReporter } from './json/json-reporter.ts';
import { emitSyntheticRun, syntheticContext } from './test-support/synthetic-run.ts';

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'postern-memory-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memory on long runs', () => {
  it('keeps heap growth small over 100,000 executions through the json reporter', async () => {
    const ctx = syntheticContext({ cwd: dir, items: 100 });
    const reporter = jsonReporter({ export: 'big.json' }, ctx);
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let items = 0;
    // Sample the heap as the run goes: what matters is that nothing accumulates along the way.
    const sampling: RunListener = {
      ...reporter,
      item(e) {
        reporter.item?.(e);
        items += 1;
        if (items % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    };
    await emitSyntheticRun(sampling, {
      items: 100,
      iterations: 1000,
      failAssertionEvery: 50,
      bodyBytes: 64,
    });
    await reporter.close?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);

    expect(items).toBe(100_000);
    expect((peak - baseline) / MB).toBeLessThan(50);
    // The report really holds the run (about a kilobyte per execution at least).
    expect(statSync(join(dir, 'big.json')).size).toBeGreaterThan(100_000 * 1000);
  }, 120_000);
});
