import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postern } from './helpers.ts';

/** Every bad input exits 2 with one `error:` line naming the problem and the file, and no stack. */
async function expectBadInput(args: string[], ...fragments: Array<string | RegExp>): Promise<string> {
  const { code, stderr } = await postern(args);
  expect(code, stderr).toBe(2);
  expect(stderr).toMatch(/^error: /m);
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(stderr).toMatch(fragment);
  return stderr;
}

const collection = 'one-request.postman_collection.json';

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('postern run with bad input', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.statusCode = 404;
      res.end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports a missing collection file', async () => {
    await expectBadInput(['run', 'missing.json'], 'collection file not found (missing.json)');
  });

  it('reports a missing environment, globals or data file', async () => {
    await expectBadInput(['run', collection, '-e', 'nope.json'], 'environment file not found (nope.json)');
    await expectBadInput(['run', collection, '-g', 'nope.json'], 'globals file not found (nope.json)');
    await expectBadInput(['run', collection, '-d', 'nope.csv'], 'iteration data file not found (nope.csv)');
  });

  it('reports a directory given as a collection', async () => {
    await expectBadInput(['run', '.'], 'could not read the collection file: it is a directory (.)');
  });

  it('reports broken JSON with its line and column', async () => {
    await expectBadInput(
      ['run', 'broken.postman_collection.json'],
      "collection is not valid JSON: trailing comma before ']' at line 8, column 3 (broken.postman_collection.json)",
    );
  });

  it('reports a document that is not a collection', async () => {
    await expectBadInput(
      ['run', 'not-a-collection.json'],
      /invalid collection: not a Postman collection: .+ \(not-a-collection\.json\)/,
    );
    await expectBadInput(['run', 'dev.postman_environment.json'], /invalid collection: .*environment/);
    await expectBadInput(
      ['run', 'data.csv'],
      /collection is not valid JSON: .+ at line 1, column 1 \(data\.csv\)/,
    );
  });

  it('reports an environment that is not an environment', async () => {
    await expectBadInput(
      ['run', collection, '-e', collection],
      /invalid environment: not a Postman environment file: this looks like a collection .*\(one-request\.postman_collection\.json\)/,
    );
    await expectBadInput(
      ['run', collection, '-e', 'not-a-collection.json'],
      'invalid environment: not a Postman environment file: it has no "values" list (not-a-collection.json)',
    );
    await expectBadInput(
      ['run', collection, '-g', 'broken-data.json'],
      /globals is not valid JSON: .* at line 2, column 11 \(broken-data\.json\)/,
    );
  });

  it('reports an unknown reporter', async () => {
    await expectBadInput(
      ['run', collection, '-r', 'cli,fancy'],
      'unknown reporter "fancy"',
      /available: cli, json, junit/,
    );
  });

  it('reports a bad CSV data file', async () => {
    await expectBadInput(
      ['run', collection, '-d', 'unclosed-quote.csv'],
      /iteration data could not be parsed: .+ \(unclosed-quote\.csv\)/,
    );
  });

  it('reports broken JSON data with its position', async () => {
    await expectBadInput(
      ['run', collection, '-d', 'broken-data.json'],
      'iteration data is not valid JSON: unexpected "}" at line 2, column 11 (broken-data.json)',
    );
  });

  it('reports invalid option values', async () => {
    await expectBadInput(
      ['run', collection, '-n', 'abc'],
      'invalid value "abc" for -n, --iteration-count: expected a positive integer',
    );
    await expectBadInput(['run', collection, '--color', 'rainbow'], 'invalid value "rainbow" for --color');
    await expectBadInput(
      ['run', collection, '--timeout-request', 'soon'],
      'invalid value "soon" for --timeout-request',
    );
    await expectBadInput(['run', collection, '--parallel', '0'], 'invalid value "0" for --parallel');
  });

  it('reports a missing collection argument', async () => {
    await expectBadInput(['run'], "missing required argument 'collection'");
  });

  it('reports a URL that answers with an error status, or does not answer', async () => {
    await expectBadInput(
      ['run', `${base}/c.json`],
      `could not fetch the collection: the server answered HTTP 404 (${base}/c.json)`,
    );
    const closed = await closedPort();
    await expectBadInput(
      ['run', collection, '-e', `http://127.0.0.1:${closed}/env.json`],
      `could not fetch the environment: ECONNREFUSED (http://127.0.0.1:${closed}/env.json)`,
    );
  });

  it('reports a --folder that is not in the collection', async () => {
    await expectBadInput(
      ['run', collection, '--folder', 'Nope'],
      `--folder "Nope": no folder or request of that name or id in the collection (${collection})`,
    );
  });

  it('reports a missing SSL file', async () => {
    await expectBadInput(
      ['run', collection, '--ssl-client-cert', 'client.pem'],
      'SSL client certificate file not found (client.pem)',
    );
  });
});
