import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../../test/shared-corpus.ts';
import { loadCollection, loadIterationData, loadVariableList, readText } from './load.ts';

const CORPUS = `${SHARED_CONFORMANCE}/newman-integration`;
const work = mkdtempSync(join(tmpdir(), 'postern-load-'));
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/env.json') {
      res.end(
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('{"values":[{"key":"k","value":"v"}]}', 'utf16le'),
        ]),
      );
    } else {
      res.statusCode = 500;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('loading files of the Newman bom-and-encoding corpus', () => {
  it('loads a v2.0 collection saved with a UTF-8 BOM', async () => {
    const collection = await loadCollection(
      `${CORPUS}/bom-and-encoding/bom-in-collection-file.postman_collection.json`,
    );
    expect(collection.info.name).toBe('Sample Postman Collection');
    expect(collection.item).toHaveLength(3);
  });

  it('loads a UTF-8 BOM environment and a UTF-16LE environment', async () => {
    const bom = await loadVariableList(
      `${CORPUS}/bom-and-encoding/bom-in-environment-file.postman_environment.json`,
      'environment',
    );
    expect(bom.values.map((v) => v.key)).toEqual(['fo/o', 'b\\ar']);
    const utf16 = await loadVariableList(
      `${CORPUS}/bom-and-encoding/utf16-le-encoding-in-env.postman_environment.json`,
      'environment',
    );
    expect(utf16.name).toBe('Localhost REST API - QA_master_localhost');
    expect(utf16.values[0]).toMatchObject({ key: 'serviceHostName', value: 'localhost' });
  });

  it('loads a CSV data file with a BOM without the BOM in the first column name', async () => {
    const rows = await loadIterationData(`${CORPUS}/csv-with-bom/csv-with-bom.postman_data.csv`);
    // What Newman's own test expects of this file: the row is short, quotes inside a field are kept.
    expect(rows).toEqual([{ c1: '123', c2: 'foo "bar" baz' }]);
  });
});

describe('loadIterationData', () => {
  it('reads JSON data, choosing the format by content when the extension says nothing', async () => {
    const path = join(work, 'rows.txt');
    writeFileSync(path, '[{"a":1},{"a":2}]');
    expect(await loadIterationData(path)).toEqual([{ a: 1 }, { a: 2 }]);
    writeFileSync(path, 'a,b\n1,x\n');
    expect(await loadIterationData(path)).toEqual([{ a: 1, b: 'x' }]);
  });

  it('rejects JSON data that is not an array of objects', async () => {
    const path = join(work, 'object.json');
    writeFileSync(path, '{"a":1}');
    await expect(loadIterationData(path)).rejects.toMatchObject({
      code: 'INVALID_DATA',
      exitCode: 2,
      message: expect.stringContaining(`(${path})`),
    });
  });
});

describe('readText over http', () => {
  it('fetches and decodes a URL', async () => {
    expect(await loadVariableList(`${base}/env.json`, 'environment')).toMatchObject({
      values: [{ key: 'k', value: 'v' }],
    });
  });

  it('fails with the status for an error answer', async () => {
    await expect(readText({ what: 'globals', location: `${base}/missing` })).rejects.toMatchObject({
      code: 'URL_STATUS',
      message: `could not fetch the globals: the server answered HTTP 500 (${base}/missing)`,
    });
  });
});
