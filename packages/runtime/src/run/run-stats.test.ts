import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf, payloads, type RunTestServer, recordRun, startRunTestServer } from './run-testing.ts';

let server: RunTestServer;
/** A port nothing listens on: connections to it are refused. */
let deadPort: number;
beforeAll(async () => {
  server = await startRunTestServer();
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => server.close());

/** a: 2 passing + 1 failing assertion; b: a test script that throws; c: a refused connection. */
function mixedCollection() {
  return collectionOf([
    {
      name: 'a',
      url: `${server.origin}/a`,
      prerequest: '1;',
      test: "pm.test('p1', () => {}); pm.test('p2', () => {}); pm.test('f', () => { throw new Error('nope'); });",
    },
    { name: 'b', url: `${server.origin}/b`, prerequest: '2;', test: "throw new Error('boom');" },
    { name: 'c', url: `http://127.0.0.1:${deadPort}/`, prerequest: '3;', test: "pm.test('p3', () => {});" },
  ]);
}

describe('stats', () => {
  it('counts iterations, items, requests, scripts and assertions as Newman does', async () => {
    const { summary } = await recordRun({ collection: mixedCollection(), iterationCount: 2 });
    const s = summary.stats;
    expect(s.iterations).toEqual({ total: 2, pending: 0, failed: 0 });
    expect(s.items).toEqual({ total: 6, pending: 0, failed: 0 });
    expect(s.requests).toEqual({ total: 6, pending: 0, failed: 2 });
    expect(s.assertions).toEqual({ total: 8, pending: 0, failed: 2 });
    expect(s.testScripts).toEqual({ total: 6, pending: 0, failed: 2 });
    expect(s.prerequestScripts).toEqual({ total: 6, pending: 0, failed: 0 });
    expect(s.scripts).toEqual({ total: 12, pending: 0, failed: 2 });
    expect(s.prerequests).toEqual({ total: 6, pending: 0, failed: 0 });
    expect(s.tests).toEqual({ total: 6, pending: 0, failed: 0 });
  });

  it('counts each failure once: failed assertions, script errors and request errors', async () => {
    const { summary, events } = await recordRun({ collection: mixedCollection(), iterationCount: 2 });
    expect(summary.failureCount).toBe(6);
    const failures = payloads(events, 'failure');
    expect(failures).toHaveLength(6);
    expect(failures.slice(0, 3).map((f) => [f.at, f.source.name, f.error.message])).toEqual([
      ['assertion:2 in test-script', 'a', 'nope'],
      ['test-script', 'b', 'boom'],
      ['request', 'c', expect.stringContaining('ECONNREFUSED')],
    ]);
    expect(failures[0]?.error).toMatchObject({ test: 'f', index: 2 });
    expect(failures[2]?.error.code).toBe('ECONNREFUSED');
    expect(failures.map((f) => f.cursor.iteration)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(payloads(events, 'exception')).toHaveLength(2);
    expect(summary.error).toBeUndefined();
  });

  it('has no failures when everything passes', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a`, test: "pm.test('t', () => {});" },
    ]);
    const { summary, events } = await recordRun({ collection });
    expect(summary.failureCount).toBe(0);
    expect(payloads(events, 'failure')).toEqual([]);
    expect(summary.stats.assertions).toEqual({ total: 1, pending: 0, failed: 0 });
  });

  it('does not count skipped tests as failed', async () => {
    const collection = collectionOf([
      {
        name: 'a',
        url: `${server.origin}/a`,
        test: "pm.test.skip('later', () => { throw new Error('x'); });",
      },
    ]);
    const { summary, events } = await recordRun({ collection });
    expect(payloads(events, 'assertion')[0]?.assertion).toMatchObject({ name: 'later', skipped: true });
    expect(summary.stats.assertions.failed).toBe(0);
    expect(summary.failureCount).toBe(0);
  });

  it('counts a status-code failure as a failed assertion, not a failed request', async () => {
    const collection = collectionOf([
      {
        name: 'a',
        url: `${server.origin}/status?code=500`,
        test: "pm.test('is 200', () => pm.response.to.have.status(200));",
      },
    ]);
    const { summary } = await recordRun({ collection });
    expect(summary.stats.requests).toEqual({ total: 1, pending: 0, failed: 0 });
    expect(summary.stats.assertions.failed).toBe(1);
    expect(summary.failureCount).toBe(1);
  });
});

describe('transfers and timings', () => {
  it('sums response body bytes in transfers.responseTotal', async () => {
    // The default route answers `ok` (2 bytes), /status answers `status` (6 bytes).
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a` },
      { name: 'b', url: `${server.origin}/status?code=201` },
    ]);
    const { summary } = await recordRun({ collection, iterationCount: 3 });
    expect(summary.transfers.responseTotal).toBe(3 * (2 + 6));
  });

  it('reports response time average, min and max over the responses', async () => {
    const collection = collectionOf([
      // not instant: a response under half a millisecond reads as 0 ms, which the summary leaves out
      { name: 'fast', url: `${server.origin}/delay?ms=5` },
      { name: 'slow', url: `${server.origin}/delay?ms=60` },
    ]);
    const { summary, events } = await recordRun({ collection, iterationCount: 2 });
    const times = payloads(events, 'request').map((p) => p.response?.responseTime ?? 0);
    const t = summary.timings;
    expect(t.responseMax).toBe(Math.max(...times));
    expect(t.responseMax).toBeGreaterThanOrEqual(55);
    expect(t.responseMin).toBe(Math.min(...times.filter((x) => x > 0)));
    expect(t.responseMin).toBeLessThan(55);
    const positive = times.filter((x) => x > 0);
    const mean = positive.reduce((a, b) => a + b, 0) / positive.length;
    expect(t.responseAverage).toBeCloseTo(mean, 6);
    expect(t.started).toBeLessThanOrEqual(t.completed ?? 0);
    expect((t.completed ?? 0) - t.started).toBeGreaterThanOrEqual(110);
  });

  it('leaves response timings at zero when no response arrived', async () => {
    const collection = collectionOf([{ name: 'c', url: `http://127.0.0.1:${deadPort}/` }]);
    const { summary } = await recordRun({ collection });
    expect(summary.transfers.responseTotal).toBe(0);
    expect(summary.timings.responseAverage).toBe(0);
    expect(summary.stats.requests.failed).toBe(1);
  });
});
