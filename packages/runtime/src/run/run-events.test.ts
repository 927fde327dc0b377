import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.ts';
import {
  collectionOf,
  cursorOf,
  payloads,
  type RunTestServer,
  recordRun,
  startRunTestServer,
} from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

const PASSING_TESTS = "pm.test('status', () => pm.response.to.have.status(200)); pm.test('body', () => {});";

describe('event order', () => {
  it('reports one item in Newman order, between start and done', async () => {
    const collection = collectionOf([
      {
        name: 'one',
        url: `${server.origin}/echo`,
        prerequest: 'pm.variables.set("a", 1);',
        test: PASSING_TESTS,
      },
    ]);
    const { names } = await recordRun({ collection });
    expect(names).toEqual([
      'start',
      'beforeIteration',
      'beforeItem',
      'beforePrerequest',
      'prerequest',
      'beforeRequest',
      'request',
      'beforeTest',
      'assertion',
      'assertion',
      'test',
      'item',
      'iteration',
      'done',
    ]);
  });

  it('wraps each iteration in beforeIteration/iteration with its items in collection order', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a` },
      { name: 'b', url: `${server.origin}/b` },
    ]);
    const { events } = await recordRun({ collection, iterationCount: 3 });
    const outline = events
      .filter((e) => ['beforeIteration', 'iteration', 'item'].includes(e.name))
      .map((e) =>
        e.name === 'item'
          ? `item:${(e.payload as { item: { name: string } }).item.name}@${cursorOf(e).iteration}`
          : `${e.name}@${cursorOf(e).iteration}`,
      );
    expect(outline).toEqual([
      'beforeIteration@0',
      'item:a@0',
      'item:b@0',
      'iteration@0',
      'beforeIteration@1',
      'item:a@1',
      'item:b@1',
      'iteration@1',
      'beforeIteration@2',
      'item:a@2',
      'item:b@2',
      'iteration@2',
    ]);
    expect(events[0]?.name).toBe('start');
    expect(events.at(-1)?.name).toBe('done');
  });

  it('passes the collection to start and the summary to done, which run() also resolves with', async () => {
    const collection = collectionOf([{ name: 'a', url: `${server.origin}/a` }], { name: 'My API' });
    const { events, summary } = await recordRun({ collection });
    const [start] = payloads(events, 'start');
    expect(start?.collection).toEqual({ id: 'c0ffee00-0000-4000-8000-000000000000', name: 'My API' });
    const [done] = payloads(events, 'done');
    expect(done?.summary).toBe(summary);
    expect(summary.collection.name).toBe('My API');
  });

  it('awaits an async done listener before resolving', async () => {
    const collection = collectionOf([{ name: 'a', url: `${server.origin}/a` }]);
    let finished = false;
    await run(
      { collection },
      {
        done: async () => {
          await new Promise((r) => setTimeout(r, 20));
          finished = true;
        },
      },
    );
    expect(finished).toBe(true);
  });
});

describe('cursor', () => {
  it('carries position, iteration, length and cycles', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a` },
      { name: 'b', url: `${server.origin}/b` },
      { name: 'c', url: `${server.origin}/c` },
    ]);
    const { events } = await recordRun({ collection, iterationCount: 2 });
    const items = payloads(events, 'item');
    expect(items.map((p) => [p.item.name, p.cursor.position, p.cursor.iteration])).toEqual([
      ['a', 0, 0],
      ['b', 1, 0],
      ['c', 2, 0],
      ['a', 0, 1],
      ['b', 1, 1],
      ['c', 2, 1],
    ]);
    for (const e of events.filter((x) => x.name !== 'done')) {
      expect(cursorOf(e).length).toBe(3);
      expect(cursorOf(e).cycles).toBe(2);
    }
    const [start] = payloads(events, 'start');
    expect(start?.cursor).toMatchObject({ position: 0, iteration: 0 });
  });

  it('shares one ref across the events of an item execution, and a new one per execution', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a`, prerequest: '1;', test: PASSING_TESTS },
      { name: 'b', url: `${server.origin}/b`, test: PASSING_TESTS },
    ]);
    const { events } = await recordRun({ collection, iterationCount: 2 });
    const itemEvents = new Set([
      'beforeItem',
      'beforePrerequest',
      'prerequest',
      'beforeRequest',
      'request',
      'beforeTest',
      'assertion',
      'test',
      'item',
    ]);
    // Split the stream at each beforeItem; every event up to the matching item shares its ref.
    const refs: string[] = [];
    let current: string | undefined;
    for (const e of events) {
      if (!itemEvents.has(e.name)) continue;
      const ref = cursorOf(e).ref;
      if (e.name === 'beforeItem') {
        current = ref;
        refs.push(ref);
      }
      expect(ref).toBe(current);
    }
    expect(refs).toHaveLength(4);
    expect(new Set(refs).size).toBe(4);
    for (const ref of refs) expect(ref).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives request events an httpRequestId shared by beforeRequest and request, unique per request', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a` },
      { name: 'b', url: `${server.origin}/b` },
    ]);
    const { events } = await recordRun({ collection, iterationCount: 2 });
    const before = payloads(events, 'beforeRequest').map((p) => p.cursor.httpRequestId);
    const after = payloads(events, 'request').map((p) => p.cursor.httpRequestId);
    expect(before).toHaveLength(4);
    expect(after).toEqual(before);
    expect(new Set(after).size).toBe(4);
    for (const id of after) expect(id).toEqual(expect.any(String));
    for (const p of payloads(events, 'item')) expect(p.cursor.httpRequestId).toBeUndefined();
  });

  it('sets scriptId on assertion cursors', async () => {
    const collection = collectionOf([{ name: 'a', url: `${server.origin}/a`, test: PASSING_TESTS }]);
    const { events } = await recordRun({ collection });
    const [assertion] = payloads(events, 'assertion');
    expect(assertion?.cursor.scriptId).toEqual(expect.any(String));
  });
});

describe('event payloads', () => {
  it('reports the request as sent and the response as received', async () => {
    const collection = collectionOf([
      { name: 'echo', url: `${server.origin}/echo?x={{x}}`, header: [{ key: 'X-Test', value: 'yes' }] },
    ]);
    const { events } = await recordRun({ collection, environment: { values: [{ key: 'x', value: '42' }] } });
    const [request] = payloads(events, 'request');
    expect(request?.request.method).toBe('GET');
    expect(request?.request.url).toBe(`${server.origin}/echo?x=42`);
    expect(request?.request.headers).toContainEqual({ key: 'X-Test', value: 'yes' });
    expect(request?.response?.code).toBe(200);
    const echoed = JSON.parse(request?.response?.body.toString('utf8') ?? '{}') as { url: string };
    expect(echoed.url).toBe('/echo?x=42');
    expect(request?.item).toEqual({ id: expect.any(String), name: 'echo', path: [] });
  });

  it('names enclosing folders in item.path, outermost first', async () => {
    const collection = collectionOf([
      { name: 'outer', item: [{ name: 'inner', item: [{ name: 'deep', url: `${server.origin}/a` }] }] },
    ]);
    const { events } = await recordRun({ collection });
    const [item] = payloads(events, 'item');
    expect(item?.item.path).toEqual(['outer', 'inner']);
  });

  it('reports console output of scripts', async () => {
    const collection = collectionOf([
      { name: 'a', url: `${server.origin}/a`, prerequest: 'console.warn("careful", 3);' },
    ]);
    const { events } = await recordRun({ collection });
    const [line] = payloads(events, 'console');
    expect(line?.level).toBe('warn');
    expect(line?.messages).toEqual(['careful', 3]);
    expect(line?.item?.name).toBe('a');
  });
});
