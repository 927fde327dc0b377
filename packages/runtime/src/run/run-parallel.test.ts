import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.ts';
import {
  collectionOf,
  cursorOf,
  payloads,
  type RecordedEvent,
  type RunTestServer,
  recordRun,
  startRunTestServer,
} from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

/** Iteration of each event between start and done, in delivery order. */
const iterationsOf = (events: RecordedEvent[]) =>
  events.filter((e) => e.name !== 'start' && e.name !== 'done').map((e) => cursorOf(e).iteration);

/** Checks each iteration's events form one block: beforeIteration, items in order, iteration. */
function expectIterationBlocks(events: RecordedEvent[], iterations: number, perIteration: string[]): void {
  const inner = events.filter((e) => e.name !== 'start' && e.name !== 'done');
  expect(inner).toHaveLength(iterations * perIteration.length);
  for (let i = 0; i < iterations; i++) {
    const block = inner.slice(i * perIteration.length, (i + 1) * perIteration.length);
    expect(block.map((e) => e.name)).toEqual(perIteration);
    for (const e of block) expect(cursorOf(e).iteration).toBe(i);
  }
}

const ONE_ITEM_EVENTS = [
  'beforeIteration',
  'beforeItem',
  'beforePrerequest',
  'prerequest',
  'beforeRequest',
  'request',
  'beforeTest',
  'assertion',
  'test',
  'item',
  'iteration',
];

describe('parallel iterations', () => {
  const slowItem = () =>
    collectionOf([
      {
        name: 'slow',
        url: `${server.origin}/delay?ms=100`,
        prerequest: "pm.environment.set('iter' + pm.info.iteration, 'seen ' + pm.info.iteration);",
        test: "pm.test('answered ' + pm.info.iteration, () => pm.response.to.have.status(200));",
      },
    ]);

  it('runs iterations concurrently yet delivers events in iteration order', async () => {
    const from = server.arrived.length;
    const started = Date.now();
    const { events, summary } = await recordRun({ collection: slowItem(), iterationCount: 8, parallel: 4 });
    const took = Date.now() - started;
    // Sequentially the requests alone take 8 × 100 ms; four lanes need about 2 × 100 ms.
    expect(took).toBeLessThan(800);
    const arrivals = server.arrived.slice(from).map((r) => r.at);
    expect(arrivals).toHaveLength(8);
    expect((arrivals[7] as number) - (arrivals[0] as number)).toBeLessThan(400);
    expect(events[0]?.name).toBe('start');
    expect(events.at(-1)?.name).toBe('done');
    expectIterationBlocks(events, 8, ONE_ITEM_EVENTS);
    expect(payloads(events, 'assertion').map((p) => [p.assertion.name, p.assertion.passed])).toEqual(
      Array.from({ length: 8 }, (_, i) => [`answered ${i}`, true]),
    );
    expect(summary.stats.assertions).toEqual({ total: 8, pending: 0, failed: 0 });
    expect(summary.stats.iterations.total).toBe(8);
    expect(summary.stats.requests.total).toBe(8);
    expect(summary.failureCount).toBe(0);
  });

  it('really overlaps requests (the server sees several at once)', async () => {
    const from = server.arrived.length;
    await recordRun({ collection: slowItem(), iterationCount: 8, parallel: 4 });
    const times = server.arrived.slice(from).map((r) => r.at);
    expect(times).toHaveLength(8);
    // The first four arrive together, well before the first answer (100 ms).
    expect((times[3] as number) - (times[0] as number)).toBeLessThan(60);
  });

  it('keeps every iteration’s environment changes', async () => {
    const { summary } = await recordRun({ collection: slowItem(), iterationCount: 8, parallel: 4 });
    const env = Object.fromEntries((summary.environment?.values ?? []).map((v) => [v.key, v.value]));
    expect(env).toEqual(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`iter${i}`, `seen ${i}`])));
  });

  it('orders several items per iteration and uses each iteration’s data row', async () => {
    const collection = collectionOf([
      { name: 'first', url: `${server.origin}/delay?ms={{ms}}&who={{who}}` },
      { name: 'second', url: `${server.origin}/echo?who={{who}}` },
    ]);
    const rows = [
      { who: 'a', ms: 120 },
      { who: 'b', ms: 10 },
      { who: 'c', ms: 60 },
      { who: 'd', ms: 1 },
      { who: 'e', ms: 30 },
    ];
    const { events } = await recordRun({ collection, iterationData: rows, parallel: 3 });
    const per = [
      'beforeIteration',
      'beforeItem',
      'beforeRequest',
      'request',
      'item',
      'beforeItem',
      'beforeRequest',
      'request',
      'item',
      'iteration',
    ];
    const inner = events.filter(
      (e) => !['start', 'done', 'beforePrerequest', 'prerequest', 'beforeTest', 'test'].includes(e.name),
    );
    expectIterationBlocks([...inner], 5, per);
    expect(payloads(events, 'request').map((p) => new URL(p.request.url).searchParams.get('who'))).toEqual([
      'a',
      'a',
      'b',
      'b',
      'c',
      'c',
      'd',
      'd',
      'e',
      'e',
    ]);
  });

  it('with parallel greater than the iterations, runs each iteration once', async () => {
    const { summary, events } = await recordRun({ collection: slowItem(), iterationCount: 2, parallel: 16 });
    expect(summary.stats.iterations.total).toBe(2);
    expect(iterationsOf(events)).toEqual([...Array(11).fill(0), ...Array(11).fill(1)]);
  });

  it('stops taking new iterations after a bail, and the events stay in order', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([
      {
        name: 'maybe fail',
        url: `${server.origin}/delay?ms=50&bail=1`,
        test: "pm.test('iteration 1 fails', () => pm.expect(pm.info.iteration).to.not.equal(1));",
      },
    ]);
    const { events, summary } = await recordRun({ collection, iterationCount: 20, parallel: 2, bail: true });
    const arrived = server.arrived.slice(from).length;
    expect(arrived).toBeLessThan(6);
    expect(summary.stats.iterations.total).toBe(arrived);
    const its = iterationsOf(events);
    expect([...its].sort((a, b) => a - b)).toEqual(its);
    expect(events.at(-1)?.name).toBe('done');
  });

  it('stops every lane and sends nothing after done when a listener throws', async () => {
    const from = server.arrived.length;
    const collection = collectionOf([{ name: 'slow', url: `${server.origin}/delay?ms=30&throwing=1` }]);
    let doneAt = 0;
    const summary = await run(
      { collection, iterationCount: 40, parallel: 4 },
      {
        item: (e) => {
          if (e.cursor.iteration === 2) throw new Error('reporter broke');
        },
        done: () => {
          doneAt = server.arrived.length;
        },
      },
    );
    expect(summary.error?.message).toBe('reporter broke');
    await new Promise((r) => setTimeout(r, 150));
    expect(server.arrived.length).toBe(doneAt);
    expect(server.arrived.slice(from).length).toBeLessThan(40);
  });
});

describe('parallel back-pressure', () => {
  it('does not let lanes run far ahead of a slow iteration (its events would pile up)', async () => {
    const collection = collectionOf([{ name: 'x', url: `${server.origin}/delay?ms={{ms}}&bp=1` }]);
    const rows = Array.from({ length: 300 }, (_, i) => ({ ms: i === 0 ? 800 : 0 }));
    const from = server.arrived.length;
    let arrivedWhenFirstDelivered = -1;
    const summary = await run(
      { collection, iterationData: rows, parallel: 4 },
      {
        item: () => {
          if (arrivedWhenFirstDelivered < 0) arrivedWhenFirstDelivered = server.arrived.length - from;
        },
      },
    );
    expect(summary.stats.iterations.total).toBe(300);
    // Iteration 0 holds back the delivery of all later ones; without a bound the other lanes
    // would run (and buffer) most of the 300 iterations meanwhile.
    expect(arrivedWhenFirstDelivered).toBeGreaterThan(0);
    expect(arrivedWhenFirstDelivered).toBeLessThan(40);
  });
});

describe('parallel back-pressure and failures', () => {
  it('ends the run when the slow head iteration fails while other lanes wait for it', async () => {
    const collection = collectionOf([{ name: 'x', url: `${server.origin}/delay?ms={{ms}}&bp=2` }]);
    const rows = Array.from({ length: 100 }, (_, i) => ({ ms: i === 0 ? 300 : 0 }));
    const started = Date.now();
    const summary = await run(
      { collection, iterationData: rows, parallel: 2 },
      {
        item: (e) => {
          if (e.cursor.iteration === 0) throw new Error('head broke');
        },
      },
    );
    expect(summary.error?.message).toBe('head broke');
    expect(summary.stats.iterations.total).toBeLessThan(100);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);
});
