import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunListener } from '../events.ts';
import { run } from './run.ts';
import { collectionOf, type RunTestServer, startRunTestServer } from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

/**
 * A full garbage collection, so heap figures measure what is kept, not what is not yet collected.
 * Vitest's workers run without --expose-gc; the flag can still be turned on at run time.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
}

const ITEMS = 10;
const ITERATIONS = 2_000;

describe('memory', () => {
  it('runs 20,000 requests with a counting listener without holding on to executions', async () => {
    // The server keeps no log for this test: its own records would be the growth we measure.
    const collection = collectionOf(
      Array.from({ length: ITEMS }, (_, i) => ({
        name: `item ${i}`,
        url: `${server.origin}/m${i}`,
        test: "pm.test('ok', () => pm.response.to.have.status(200));",
      })),
    );
    const counts = { requests: 0, assertions: 0, failed: 0, items: 0 };
    const listener: RunListener = {
      request: () => {
        counts.requests += 1;
      },
      assertion: (e) => {
        counts.assertions += 1;
        if (!e.assertion.passed) counts.failed += 1;
      },
      item: () => {
        counts.items += 1;
      },
    };
    server.arrived.length = 0;
    const stopLogging = setInterval(() => {
      server.arrived.length = 0;
    }, 50);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let summary: Awaited<ReturnType<typeof run>>;
    try {
      summary = await run({ collection, iterationCount: ITERATIONS }, listener);
    } finally {
      clearInterval(stopLogging);
    }
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    expect(counts).toEqual({ requests: 20_000, assertions: 20_000, failed: 0, items: 20_000 });
    expect(summary.stats.requests.total).toBe(20_000);
    expect(summary.stats.assertions).toEqual({ total: 20_000, pending: 0, failed: 0 });
    expect(summary.failureCount).toBe(0);
    const mb = (n: number) => n / 1024 / 1024;
    // Measured: ~2 MB. Keeping only the request events of this run would add ~58 MB.
    expect(mb(heapAfter - heapBefore)).toBeLessThan(25);
  }, 60_000);
});
