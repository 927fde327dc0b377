import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  differentialCollection,
  type ReferenceServer,
  startReferenceServer,
} from '../test-support/differential-collection.ts';
import { runNewmanInto } from '../test-support/newman-events.ts';
import { emitSyntheticRun, syntheticContext } from '../test-support/synthetic-run.ts';
import { jsonReporter } from './json-reporter.ts';

interface NewmanReport {
  collection: { info: { name: string } };
  environment: { id: string; values: unknown[] };
  globals: { values: unknown[] };
  run: {
    stats: Record<string, { total: number; pending: number; failed: number }>;
    timings: Record<string, number>;
    transfers: { responseTotal: number };
    executions: Array<{
      cursor: { iteration: number; position: number; ref: string };
      item: { id: string; name: string };
      request: {
        url: { host: string[]; path: string[]; query: unknown[] };
        method: string;
        header: unknown[];
      };
      response?: {
        code: number;
        status: string;
        stream: { type: string; data: number[] };
        responseTime: number;
      };
      requestError?: { message: string };
      prerequestScript?: Array<{ error: { message: string } }>;
      assertions: Array<{ assertion: string; skipped: boolean; error?: { message: string; index: number } }>;
    }>;
    failures: Array<{ error: { message: string; name: string }; at: string; source: { name: string } }>;
    error: unknown;
  };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postern-json-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('json reporter', () => {
  it("writes Newman's summary shape built from streamed executions", async () => {
    const cwd = tempDir();
    const ctx = syntheticContext({ cwd });
    const reporter = jsonReporter({ export: 'out/report.json' }, ctx);
    await emitSyntheticRun(reporter, {
      items: 3,
      iterations: 2,
      failAssertionEvery: 2,
      prerequestErrorEvery: 5,
      requestErrorEvery: 4,
    });
    await reporter.close?.();
    const report = JSON.parse(readFileSync(join(cwd, 'out/report.json'), 'utf8')) as NewmanReport;

    expect(Object.keys(report)).toEqual(['collection', 'environment', 'globals', 'run']);
    expect(Object.keys(report.run)).toEqual([
      'stats',
      'timings',
      'executions',
      'transfers',
      'failures',
      'error',
    ]);
    expect(report.collection.info.name).toBe('Synthetic Collection');
    expect(report.run.stats.assertions).toEqual({ total: 18, pending: 0, failed: 3 });
    expect(report.run.timings.dnsAverage).toBe(0);
    expect(report.run.error).toBeNull();

    const { executions, failures } = report.run;
    expect(executions).toHaveLength(6);
    expect(executions.map((e) => [e.cursor.iteration, e.cursor.position])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    const first = executions[0];
    expect(first?.item).toMatchObject({ id: 'item-0', name: 'request 0' });
    expect(first?.request.url).toMatchObject({ host: ['127', '0', '0', '1'], path: ['things', '0'] });
    expect(first?.request.url.query).toEqual([{ key: 'iteration', value: '0' }]);
    expect(first?.response?.code).toBe(200);
    expect(first?.response?.stream.type).toBe('Buffer');
    const body = Buffer.from(first?.response?.stream.data ?? []).toString('utf8');
    expect(JSON.parse(body)).toMatchObject({ ok: true });
    expect(first?.assertions.map((a) => a.assertion)).toEqual([
      'status is 200',
      'body has id',
      'skipped check',
    ]);
    expect(first?.assertions[2]?.skipped).toBe(true);

    // execution 3 (iteration 1, position 0) failed to connect and failed its assertion
    expect(executions[3]?.requestError?.message).toContain('ECONNREFUSED');
    expect(executions[3]?.response).toBeUndefined();
    expect(executions[3]?.assertions[1]?.error).toMatchObject({
      index: 1,
      message: "expected '' to equal 'id'",
    });
    expect(executions[4]?.prerequestScript?.[0]?.error.message).toBe('undefinedThing is not defined');

    expect(failures.map((f) => f.at)).toEqual([
      'assertion:1 in test-script',
      'request',
      'assertion:1 in test-script',
      'prerequest-script',
      'assertion:1 in test-script',
    ]);
    expect(failures[0]?.source.name).toBe('request 1');
  });

  it('writes the same report when told the run has no secret (the fast path)', async () => {
    const write = async (redactsNothing: boolean) => {
      const cwd = tempDir();
      const reporter = jsonReporter({ export: 'report.json' }, syntheticContext({ cwd, redactsNothing }));
      await emitSyntheticRun(reporter, {
        items: 3,
        iterations: 2,
        failAssertionEvery: 2,
        requestErrorEvery: 4,
      });
      await reporter.close?.();
      // ids are random per report: compare everything else
      return readFileSync(join(cwd, 'report.json'), 'utf8').replace(/"id": ?"[0-9a-f-]{36}"/g, '"id":"x"');
    };
    expect(await write(true)).toBe(await write(false));
  });

  it('writes an empty run as valid JSON with empty lists', async () => {
    const cwd = tempDir();
    const reporter = jsonReporter({ export: 'empty.json' }, syntheticContext({ cwd }));
    await emitSyntheticRun(reporter, { items: 0 });
    await reporter.close?.();
    const report = JSON.parse(readFileSync(join(cwd, 'empty.json'), 'utf8')) as NewmanReport;
    expect(report.run.executions).toEqual([]);
    expect(report.run.failures).toEqual([]);
  });

  it('defaults to newman/newman-run-report-<timestamp>.json under the working directory, like Newman', async () => {
    const cwd = tempDir();
    const reporter = jsonReporter({}, syntheticContext({ cwd }));
    await emitSyntheticRun(reporter, { items: 1 });
    await reporter.close?.();
    expect(readdirSync(join(cwd, 'newman'))).toEqual(['newman-run-report-2024-05-06-07-08-09-123-0.json']);
  });
});

/** Every key path of a JSON value, arrays written as `[]` (`run.executions[].response.code`). */
function keyPaths(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const element of value) keyPaths(element, `${prefix}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      into.add(path);
      keyPaths(child, path, into);
    }
  }
  return into;
}

/**
 * Paths of Newman's report we knowingly do not produce: serialised-error bookkeeping (checksum, id,
 * timestamp, stacktrace frames), Node's socket error fields, runtime-internal script ids, the whole
 * parent tree Newman embeds in each failure (we give the parent's id and name), and `system` flags on
 * headers (events do not say which headers the runtime added).
 */
const KNOWN_OMISSIONS = [
  /\.(checksum|timestamp|stacktrace)(\.|\[|$)/,
  /^run\.failures\[\]\.error\.(id|type)$/,
  /\.prerequestScript\[\]\.error\.(id|type)$/,
  /\.testScript\[\]\.error\.(id|type)$/,
  /\.requestError\.(errno|code|syscall|address|port)$/,
  /^run\.failures\[\]\.error\.(errno|code|syscall|address|port)$/,
  /\._lastExecutionId$/,
  /^run\.failures\[\]\.parent\.(item|event|variable|info|auth|_)(\.|\[|$)/,
  /^run\.failures\[\]\.cursor\.execution$/,
  /\.header\[\]\.system$/,
];

describe('json reporter against Newman', () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('has every key path of the report Newman writes for the same run', async () => {
    const dir = tempDir();
    const collection = differentialCollection(server.port);
    const newmanPath = join(dir, 'newman.json');
    const ctx = syntheticContext({ cwd: dir, collection: collection as unknown as Collection });
    const ours = jsonReporter({ export: 'ours.json' }, ctx);
    await runNewmanInto(
      collection,
      { reporters: ['json'], reporter: { json: { export: newmanPath } } },
      ours,
    );
    await ours.close?.();

    const theirs = JSON.parse(readFileSync(newmanPath, 'utf8')) as NewmanReport;
    const mine = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8')) as NewmanReport;
    const ourPaths = keyPaths(mine);
    const missing = [...keyPaths(theirs)].filter(
      (path) => !ourPaths.has(path) && !KNOWN_OMISSIONS.some((pattern) => pattern.test(path)),
    );
    expect(missing).toEqual([]);
    expect(theirs.run.executions.length).toBe(4);

    // The values tools read agree too (we always write `assertions`, Newman omits an empty list).
    expect(mine.run.stats).toEqual(theirs.run.stats);
    expect(mine.run.executions.map((e) => e.response?.code)).toEqual(
      theirs.run.executions.map((e) => e.response?.code),
    );
    expect(
      mine.run.executions.map((e) => e.assertions.map((a) => [a.assertion, a.skipped, a.error?.message])),
    ).toEqual(
      theirs.run.executions.map((e) =>
        (e.assertions ?? []).map((a) => [a.assertion, a.skipped, a.error?.message]),
      ),
    );
    expect(mine.run.failures.map((f) => [f.at, f.error.message])).toEqual(
      theirs.run.failures.map((f) => [f.at, f.error.message]),
    );
    expect(mine.run.executions[0]?.response?.stream.data).toEqual(
      theirs.run.executions[0]?.response?.stream.data,
    );
  });
});
