import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf, payloads, type RunTestServer, recordRun, startRunTestServer } from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

/** Arrival times of the requests whose path starts with `prefix`, since `from`. */
const arrivals = (prefix: string, from: number) =>
  server.arrived.slice(from).filter((r) => r.url.startsWith(prefix));

describe('delayRequest', () => {
  it('waits at least the delay between consecutive requests, also across iterations', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/d-a` },
      { name: 'b', url: `${server.origin}/d-b` },
    ]);
    await recordRun({ collection, iterationCount: 2, delayRequest: 80 });
    const times = arrivals('/d-', from).map((r) => r.at);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(75);
    }
  });

  it('waits before the first request too, as Newman does', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([{ name: 'a', url: `${server.origin}/f-a` }]);
    const started = Date.now();
    await recordRun({ collection, delayRequest: 100 });
    const [first] = arrivals('/f-', from);
    expect((first?.at ?? 0) - started).toBeGreaterThanOrEqual(95);
  });

  it('does not pile up abort listeners over many delayed items', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const collection = collectionOf([{ name: 'a', url: `${server.origin}/w-a` }]);
      await recordRun({ collection, iterationCount: 25, delayRequest: 1 });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('does not wait without a delay', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/n-a` },
      { name: 'b', url: `${server.origin}/n-b` },
    ]);
    const started = Date.now();
    await recordRun({ collection, iterationCount: 5 });
    expect(arrivals('/n-', from)).toHaveLength(10);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('timeout (whole run)', () => {
  it('stops the run with "callback timed out" and sends nothing more', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([
      { name: 'fast', url: `${server.origin}/t-fast` },
      { name: 'slow', url: `${server.origin}/delay?ms=2000&t=slow` },
      { name: 'never', url: `${server.origin}/t-never` },
    ]);
    const started = Date.now();
    const { summary, events } = await recordRun({ collection, iterationCount: 3, timeout: 300 });
    const took = Date.now() - started;
    expect(summary.error).toMatchObject({ message: 'callback timed out' });
    expect(took).toBeLessThan(1500);
    expect(server.arrived.slice(from).map((r) => r.url)).toEqual(['/t-fast', '/delay?ms=2000&t=slow']);
    expect(payloads(events, 'beforeItem').map((p) => p.item.name)).not.toContain('never');
    expect(events.at(-1)?.name).toBe('done');
    expect(summary.stats.iterations.total).toBe(1);
    for (const counter of Object.values(summary.stats)) expect(counter.pending).toBe(0);
  });

  it('does not time out a run that finishes in time', async () => {
    const collection = collectionOf([{ name: 'fast', url: `${server.origin}/t-fast` }]);
    const { summary } = await recordRun({ collection, timeout: 5_000 });
    expect(summary.error).toBeUndefined();
    expect(summary.failureCount).toBe(0);
  });
});

describe('timeoutRequest', () => {
  it('fails a slow request with ESOCKETTIMEDOUT and goes on to the next item', async () => {
    const collection = collectionOf([
      { name: 'slow', url: `${server.origin}/hang`, test: "pm.test('ran', () => {});" },
      { name: 'next', url: `${server.origin}/t-next` },
    ]);
    const started = Date.now();
    const { summary, events } = await recordRun({ collection, timeoutRequest: 150 });
    expect(Date.now() - started).toBeLessThan(2_000);
    const [slow, next] = payloads(events, 'request');
    expect(slow?.response).toBeUndefined();
    expect(slow?.error).toMatchObject({ message: 'ESOCKETTIMEDOUT', code: 'ESOCKETTIMEDOUT' });
    expect(next?.response?.code).toBe(200);
    const failures = payloads(events, 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ at: 'request', source: { name: 'slow' } });
    expect(failures[0]?.cursor.httpRequestId).toBe(slow?.cursor.httpRequestId);
    // Newman still runs the test scripts of an item whose request failed.
    expect(payloads(events, 'assertion').map((p) => p.assertion.name)).toEqual(['ran']);
    expect(summary.stats.requests).toEqual({ total: 2, pending: 0, failed: 1 });
    expect(summary.failureCount).toBe(1);
  });

  it('lets a request slower than nothing but faster than the limit through', async () => {
    const collection = collectionOf([{ name: 'ok', url: `${server.origin}/delay?ms=50` }]);
    const { summary } = await recordRun({ collection, timeoutRequest: 1_000 });
    expect(summary.stats.requests.failed).toBe(0);
  });
});

describe('abort signal', () => {
  it('sends nothing when the signal is already aborted', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([{ name: 'a', url: `${server.origin}/pre-aborted` }]);
    const { summary, names } = await recordRun({
      collection,
      iterationCount: 3,
      signal: AbortSignal.abort(),
    });
    expect(arrivals('/pre-aborted', from)).toEqual([]);
    expect(summary.stats.requests.total).toBe(0);
    expect(names).toEqual(['start', 'done']);
  });

  it('stops the run when the caller aborts', async () => {
    const collection = collectionOf([{ name: 'slow', url: `${server.origin}/delay?ms=300&t=abort` }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const { summary } = await recordRun({ collection, iterationCount: 10, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(summary.stats.iterations.total).toBeLessThan(10);
    for (const counter of Object.values(summary.stats)) expect(counter.pending).toBe(0);
  });
});
