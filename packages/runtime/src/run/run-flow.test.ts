import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderNotFoundError } from './items.ts';
import { run } from './run.ts';
import {
  collectionOf,
  type ItemSpec,
  payloads,
  type RunTestServer,
  recordingListener,
  recordRun,
  startRunTestServer,
} from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

/** Items a, b, c, d hitting /a … /d; `scripts` adds test scripts by item name. */
function abcd(scripts: Record<string, string> = {}, prerequests: Record<string, string> = {}) {
  return collectionOf(
    ['a', 'b', 'c', 'd'].map(
      (name): ItemSpec => ({
        name,
        id: `id-${name}`,
        url: `${server.origin}/${name}`,
        test: scripts[name],
        prerequest: prerequests[name],
      }),
    ),
  );
}

const itemNames = (events: Parameters<typeof payloads>[0]) =>
  payloads(events, 'item').map((p) => p.item.name);

describe('pm.execution.setNextRequest', () => {
  it('jumps to an item by name', async () => {
    const { events } = await recordRun({ collection: abcd({ a: "pm.execution.setNextRequest('c');" }) });
    expect(itemNames(events)).toEqual(['a', 'c', 'd']);
    expect(payloads(events, 'item').map((p) => p.cursor.position)).toEqual([0, 2, 3]);
  });

  it('jumps to an item by id', async () => {
    const { events } = await recordRun({ collection: abcd({ a: "pm.execution.setNextRequest('id-d');" }) });
    expect(itemNames(events)).toEqual(['a', 'd']);
  });

  it('can jump backwards to loop, and the last call wins', async () => {
    const loop = [
      "const n = Number(pm.environment.get('n') || 0) + 1;",
      "pm.environment.set('n', n);",
      "pm.execution.setNextRequest('d');",
      "if (n < 3) pm.execution.setNextRequest('b');",
    ].join('\n');
    const { events } = await recordRun({ collection: abcd({ c: loop }) });
    expect(itemNames(events)).toEqual(['a', 'b', 'c', 'b', 'c', 'b', 'c', 'd']);
  });

  it('takes effect from a pre-request script after the item completes', async () => {
    const seen = server.arrived.length;
    const { events } = await recordRun({ collection: abcd({}, { a: "pm.execution.setNextRequest('d');" }) });
    expect(itemNames(events)).toEqual(['a', 'd']);
    expect(server.arrived.slice(seen).map((r) => r.url)).toEqual(['/a', '/d']);
  });

  it('ends the iteration with null, and the next iteration starts from the top', async () => {
    const { events } = await recordRun({
      collection: abcd({ b: 'pm.execution.setNextRequest(null);' }),
      iterationCount: 2,
    });
    expect(itemNames(events)).toEqual(['a', 'b', 'a', 'b']);
    expect(payloads(events, 'iteration')).toHaveLength(2);
  });

  it('ends the iteration when the name is unknown', async () => {
    const { events, summary } = await recordRun({
      collection: abcd({ a: "pm.execution.setNextRequest('no such request');" }),
      iterationCount: 2,
    });
    expect(itemNames(events)).toEqual(['a', 'a']);
    expect(summary.stats.iterations.total).toBe(2);
    expect(summary.error).toBeUndefined();
  });

  it('supports the legacy postman.setNextRequest', async () => {
    const { events } = await recordRun({ collection: abcd({ a: "postman.setNextRequest('d');" }) });
    expect(itemNames(events)).toEqual(['a', 'd']);
  });
});

describe('pm.execution.skipRequest', () => {
  it('sends nothing for the item and reports it skipped', async () => {
    const seen = server.arrived.length;
    const { events, summary } = await recordRun({
      collection: abcd(
        { b: "pm.test('never', () => {});" },
        { b: 'pm.execution.skipRequest();', c: "pm.variables.set('x', 1);" },
      ),
    });
    expect(server.arrived.slice(seen).map((r) => r.url)).toEqual(['/a', '/c', '/d']);
    const items = payloads(events, 'item');
    expect(items.map((p) => [p.item.name, p.skipped ?? false])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
      ['d', false],
    ]);
    expect(payloads(events, 'request').map((p) => p.item.name)).toEqual(['a', 'c', 'd']);
    expect(payloads(events, 'assertion')).toEqual([]);
    expect(summary.stats.requests.total).toBe(3);
    expect(summary.stats.items.total).toBe(4);
  });
});

describe('folder selection', () => {
  const tree = () =>
    collectionOf([
      { name: 'top', url: `${server.origin}/top` },
      {
        name: 'Users',
        id: 'folder-users',
        item: [
          { name: 'list users', url: `${server.origin}/users` },
          { name: 'Admin', id: 'folder-admin', item: [{ name: 'promote', url: `${server.origin}/promote` }] },
        ],
      },
      { name: 'Orders', item: [{ name: 'list orders', id: 'req-orders', url: `${server.origin}/orders` }] },
    ]);

  it('runs only the items of a folder named by name, nested folders included', async () => {
    const { events, summary } = await recordRun({ collection: tree(), folder: ['Users'] });
    expect(itemNames(events)).toEqual(['list users', 'promote']);
    expect(payloads(events, 'item').map((p) => p.cursor.length)).toEqual([2, 2]);
    expect(summary.stats.items.total).toBe(2);
  });

  it('selects a nested folder by id, and keeps its path', async () => {
    const { events } = await recordRun({ collection: tree(), folder: ['folder-admin'] });
    expect(payloads(events, 'item').map((p) => [p.item.name, p.item.path])).toEqual([
      ['promote', ['Users', 'Admin']],
    ]);
  });

  it('accepts several folders and single requests, in collection order', async () => {
    const { events } = await recordRun({ collection: tree(), folder: ['req-orders', 'Admin', 'top'] });
    expect(itemNames(events)).toEqual(['top', 'promote', 'list orders']);
  });

  it('throws FolderNotFoundError before start for an unknown folder', async () => {
    const { listener, events } = recordingListener();
    const before = server.arrived.length;
    await expect(run({ collection: tree(), folder: ['Users', 'Nope'] }, listener)).rejects.toBeInstanceOf(
      FolderNotFoundError,
    );
    await expect(run({ collection: tree(), folder: ['Nope'] }, listener)).rejects.toThrow(
      'Unable to find a folder or request: Nope',
    );
    expect(events).toEqual([]);
    expect(server.arrived.length).toBe(before);
  });
});

describe('bail', () => {
  const failingSecond = () =>
    collectionOf([
      { name: 'ok', url: `${server.origin}/bail-1`, test: "pm.test('fine', () => {});" },
      {
        name: 'bad',
        url: `${server.origin}/bail-2`,
        test: "pm.test('broken', () => { throw new Error('no'); });",
      },
      { name: 'after', url: `${server.origin}/bail-3`, test: "pm.test('fine', () => {});" },
    ]);
  const bailArrivals = () => server.arrived.filter((r) => r.url.startsWith('/bail-')).map((r) => r.url);

  it('stops after the first failing item: no later request reaches the server', async () => {
    server.arrived.length = 0;
    const { events, summary } = await recordRun({
      collection: failingSecond(),
      bail: true,
      iterationCount: 3,
    });
    expect(bailArrivals()).toEqual(['/bail-1', '/bail-2']);
    expect(itemNames(events)).toEqual(['ok', 'bad']);
    expect(summary.failureCount).toBeGreaterThanOrEqual(1);
    expect(summary.stats.iterations.total).toBe(1);
    expect(events.slice(-2).map((e) => e.name)).toEqual(['iteration', 'done']);
  });

  it('also stops on a request error with bail: ["failure"]', async () => {
    server.arrived.length = 0;
    const collection = collectionOf([
      { name: 'dead', url: 'http://127.0.0.1:1/' },
      { name: 'after', url: `${server.origin}/bail-3` },
    ]);
    const { events } = await recordRun({ collection, bail: ['failure'] });
    expect(itemNames(events)).toEqual(['dead']);
    expect(bailArrivals()).toEqual([]);
  });

  it('runs everything without bail', async () => {
    server.arrived.length = 0;
    await recordRun({ collection: failingSecond(), iterationCount: 2 });
    expect(bailArrivals()).toHaveLength(6);
  });
});
