/** A 5 MB collection imports (parse, validate, normalise, store, audit) in under a second on SQLite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, startTestServer, type TestServer } from './helpers.ts';

/** A realistic collection of about `bytes`: folders of requests with headers, bodies and scripts. */
function generateCollection(bytes: number) {
  const item: unknown[] = [];
  let size = 0;
  for (let folder = 0; size < bytes; folder++) {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      name: `Request ${folder}.${i}`,
      request: {
        method: i % 2 ? 'POST' : 'GET',
        url: `https://api.example.test/v1/folder${folder}/items/${i}?page={{page}}&q=search%20${i}`,
        header: [
          { key: 'Accept', value: 'application/json' },
          { key: 'X-Trace', value: `trace-${folder}-${i}` },
        ],
        body: {
          mode: 'raw',
          raw: JSON.stringify({ id: i, folder, note: 'lorem ipsum dolor sit amet '.repeat(20) }),
        },
        auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
      },
      event: [
        {
          listen: 'test',
          script: {
            type: 'text/javascript',
            exec: [
              'pm.test("status is 200", () => pm.response.to.have.status(200));',
              `pm.test("item ${i}", () => pm.expect(pm.response.json().id).to.eql(${i}));`,
            ],
          },
        },
      ],
    }));
    const entry = { name: `Folder ${folder}`, item: requests };
    size += JSON.stringify(entry).length;
    item.push(entry);
  }
  return {
    info: { name: 'Large', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item,
    variable: [{ key: 'page', value: '1' }],
  };
}

describe('large collections (sqlite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports a 5 MB collection in under a second and reads it back whole', async () => {
    const user = await newMember(t);
    const ws = (await user.key.post('/api/workspaces', { workspace: { name: 'Big' } })).body.workspace.id;
    const body = JSON.stringify({ collection: generateCollection(5 * 1024 * 1024) });
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
    // A running server has compiled its import path already: warm it up with a 1 MB import so the
    // figure is the import itself, not the JIT's first pass over the validators.
    await user.key.post(`/api/collections?workspace=${ws}`, { collection: generateCollection(1024 * 1024) });

    const started = performance.now();
    const made = await user.key.post(`/api/collections?workspace=${ws}`, body);
    const importMs = performance.now() - started;
    expect(made.status).toBe(201);

    const readStarted = performance.now();
    const read = await user.key.get(`/api/collections/${made.body.collection.id}`);
    const readMs = performance.now() - readStarted;
    expect(read.status).toBe(200);
    const requests = read.body.collection.item.reduce(
      (n: number, f: { item: unknown[] }) => n + f.item.length,
      0,
    );
    expect(requests).toBe(JSON.parse(body).collection.item.length * 20);

    console.info(
      `large collection: ${(body.length / 1048576).toFixed(2)} MB, ${requests} requests — ` +
        `import ${importMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms`,
    );
    expect(importMs).toBeLessThan(1000);
  });
});
