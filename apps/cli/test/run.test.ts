/**
 * End-to-end runs against a local HTTP server. These need the runner (packages/runtime run()).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../test/shared-corpus.ts';
import { FIXTURES, postern } from './helpers.ts';

const CORPUS = `${SHARED_CONFORMANCE}/newman-integration/bom-and-encoding`;
const SECRET = 's3cr3t-api-key-value';

let server: Server;
let baseUrl = '';
let work = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/collection.json') {
      res.setHeader('content-type', 'application/json');
      res.end(readFileSync(join(FIXTURES, 'one-request.postman_collection.json')));
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ greeting: 'hello' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = mkdtempSync(join(tmpdir(), 'postern-cli-'));
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function valuesOf(document: Record<string, unknown>, list = 'values'): Record<string, unknown> {
  const entries = document[list] as Array<{ key: string; value: unknown }>;
  return Object.fromEntries(entries.map((v) => [v.key, v.value]));
}

describe('postern run', () => {
  it('runs a one-request collection, exits 0 and exports the final environment, globals and collection', async () => {
    const out = join(work, 'exports');
    const { code, stderr } = await postern([
      'run',
      'one-request.postman_collection.json',
      '-e',
      'dev.postman_environment.json',
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--export-environment',
      join(out, 'env.json'),
      '--export-globals',
      join(out, 'globals.json'),
      '--export-collection',
      join(out, 'collection.json'),
      '--silent',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const environment = readJson(join(out, 'env.json'));
    expect(environment).toMatchObject({
      id: '0b7c5d0e-8f9a-4b2c-9d3e-1f2a3b4c5d6e',
      name: 'dev',
      _postman_variable_scope: 'environment',
      _postman_exported_using: expect.stringMatching(/^Postern\//),
    });
    expect(valuesOf(environment)).toEqual({ baseUrl, apiKey: '[secret:apiKey]', greeting: 'hello' });
    // Secret values never leave in an export (issue #2): the variable keeps its type, not its value.
    expect(environment.values).toContainEqual({
      key: 'apiKey',
      value: '[secret:apiKey]',
      type: 'secret',
      enabled: true,
    });
    expect(readFileSync(join(out, 'env.json'), 'utf8')).not.toContain(SECRET);

    const globals = readJson(join(out, 'globals.json'));
    expect(globals._postman_variable_scope).toBe('globals');
    expect(valuesOf(globals)).toEqual({ seen: 'yes' });

    const collection = readJson(join(out, 'collection.json'));
    expect((collection.info as { name: string }).name).toBe('one request');
    expect(valuesOf(collection, 'variable')).toEqual({ calls: '1' });
  });

  it('exits 1 when an assertion fails, and 0 with -x', async () => {
    const args = [
      'run',
      'failing-assertion.postman_collection.json',
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--silent',
    ];
    expect((await postern(args)).code).toBe(1);
    expect((await postern([...args, '-x'])).code).toBe(0);
  });

  it('runs a collection fetched from a URL', async () => {
    const { code } = await postern([
      'run',
      `${baseUrl}/collection.json`,
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--silent',
    ]);
    expect(code).toBe(0);
  });

  it('runs one iteration per CSV row', async () => {
    requests.length = 0;
    const { code } = await postern([
      'run',
      'one-request.postman_collection.json',
      '-d',
      'data.csv',
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--silent',
    ]);
    expect(code).toBe(0);
    expect(requests.filter((url) => url === '/greeting')).toHaveLength(2);
  });

  it('writes the json report where --reporter-json-export says, without secret values', async () => {
    const report = join(work, 'report.json');
    const { code } = await postern([
      'run',
      'one-request.postman_collection.json',
      '-e',
      'dev.postman_environment.json',
      '--env-var',
      `baseUrl=${baseUrl}`,
      '-r',
      'json',
      '--reporter-json-export',
      report,
    ]);
    expect(code).toBe(0);
    const text = readFileSync(report, 'utf8');
    expect(JSON.parse(text)).toHaveProperty('run.stats');
    expect(text).not.toContain(SECRET);
  });

  it('never prints the value of a secret variable, in the cli output or the json report', async () => {
    const report = join(work, 'secret-report.json');
    const { code, stdout } = await postern([
      'run',
      'secret-echo.postman_collection.json',
      '-e',
      'dev.postman_environment.json',
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--verbose',
      '-r',
      'cli,json',
      '--reporter-json-export',
      report,
    ]);
    expect(code).toBe(0);
    expect(requests).toContain(`/greeting?key=${SECRET}`);
    expect(stdout).toContain('key is');
    expect(stdout).not.toContain(SECRET);
    expect(readFileSync(report, 'utf8')).not.toContain(SECRET);
  });

  it('reads a UTF-8 collection with a BOM and UTF-16 environments (LE and BE, with BOM)', async () => {
    const collection = join(work, 'bom.postman_collection.json');
    writeFileSync(
      collection,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        readFileSync(join(FIXTURES, 'one-request.postman_collection.json')),
      ]),
    );
    const environmentText = JSON.stringify({ name: 'utf16', values: [{ key: 'baseUrl', value: baseUrl }] });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(environmentText, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    writeFileSync(join(work, 'le.json'), le);
    writeFileSync(join(work, 'be.json'), be);

    for (const environment of ['le.json', 'be.json']) {
      const { code, stderr } = await postern(['run', collection, '-e', join(work, environment), '--silent']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });

  it("reads the Newman corpus' UTF-16LE and BOM environments", async () => {
    const out = join(work, 'corpus-env.json');
    const { code } = await postern([
      'run',
      'one-request.postman_collection.json',
      '-e',
      join(CORPUS, 'utf16-le-encoding-in-env.postman_environment.json'),
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--export-environment',
      out,
      '--silent',
    ]);
    expect(code).toBe(0);
    expect(valuesOf(readJson(out))).toMatchObject({
      serviceHostName: 'localhost',
      servicePortNumber: '44393',
    });

    const bom = await postern([
      'run',
      'one-request.postman_collection.json',
      '-e',
      join(CORPUS, 'bom-in-environment-file.postman_environment.json'),
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--export-environment',
      out,
      '--silent',
    ]);
    expect(bom.code).toBe(0);
    expect(valuesOf(readJson(out))).toMatchObject({ 'fo/o': 'alpha', 'b\\ar': 'beta' });
  });
});
