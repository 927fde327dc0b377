import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cursor, ReceivedResponse, RunListener, RunSummary, SentRequest } from '@postern/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticContext, syntheticItem } from '../test-support/synthetic-run.ts';
import { jsonReporter } from './json-reporter.ts';

interface ReportExecution {
  item: { name: string };
  cursor: { ref: string; httpRequestId?: string };
  request?: { url: { path: string[] } };
  response?: { code: number };
  requestError?: { message: string };
  prerequestScript?: unknown[];
  assertions: Array<{ assertion: string }>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const summary = { stats: {}, timings: {}, transfers: { responseTotal: 0 } } as unknown as RunSummary;
const cursorOf = (ref: string, position: number): Cursor => ({
  ref,
  position,
  iteration: 0,
  length: 3,
  cycles: 1,
});
const request = (path: string): SentRequest => ({
  method: 'GET',
  url: `http://127.0.0.1:9/${path}`,
  headers: [],
});
const response = (code: number): ReceivedResponse => ({
  code,
  status: code === 200 ? 'OK' : 'Not Found',
  headers: [],
  body: Buffer.from('{}'),
  responseTime: 1,
  responseSize: 2,
});
const refused = { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9' };

/** Runs `emit` against a json reporter and returns the report's executions. */
async function executionsOf(emit: (listener: RunListener) => void): Promise<ReportExecution[]> {
  const cwd = mkdtempSync(join(tmpdir(), 'postern-json-last-'));
  dirs.push(cwd);
  const reporter = jsonReporter({ export: 'report.json' }, syntheticContext({ cwd }));
  emit(reporter);
  await reporter.done?.({ summary });
  await reporter.close?.();
  const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as {
    run: { executions: ReportExecution[] };
  };
  return report.run.executions;
}

describe("json reporter: an item's requests, as Newman's summary records them", () => {
  it('shows the last request of the item, pm.sendRequest calls included, with a sticky requestError', async () => {
    const item = syntheticItem(0);
    const cursor = cursorOf('ref-0', 0);
    const executions = await executionsOf((l) => {
      l.beforeItem?.({ cursor, item });
      l.request?.({
        cursor: { ...cursor, httpRequestId: 'main' },
        item,
        request: request('main'),
        response: response(200),
      });
      l.assertion?.({ cursor, item, assertion: { name: 'ok', index: 0, passed: true, skipped: false } });
      l.request?.({
        cursor: { ...cursor, httpRequestId: 'refused' },
        item,
        request: request('refused'),
        error: refused,
        sendRequest: true,
      });
      l.request?.({
        cursor: { ...cursor, httpRequestId: 'last' },
        item,
        request: request('missing'),
        response: response(404),
        sendRequest: true,
      });
      l.item?.({ cursor, item });
    });
    expect(executions).toHaveLength(1);
    const [execution] = executions;
    expect(execution?.request?.url.path).toEqual(['missing']);
    expect(execution?.response?.code).toBe(404);
    expect(execution?.cursor.httpRequestId).toBe('last');
    expect(execution?.requestError?.message).toBe(refused.message);
    expect(execution?.assertions.map((a) => a.assertion)).toEqual(['ok']);
  });

  it('keeps the main request when the only sendRequest ran before it (prerequest)', async () => {
    const item = syntheticItem(1);
    const cursor = cursorOf('ref-1', 1);
    const executions = await executionsOf((l) => {
      l.beforeItem?.({ cursor, item });
      l.request?.({ cursor, item, request: request('setup'), response: response(200), sendRequest: true });
      l.request?.({ cursor, item, request: request('main'), response: response(404) });
      l.item?.({ cursor, item });
    });
    expect(executions[0]?.request?.url.path).toEqual(['main']);
    expect(executions[0]?.response?.code).toBe(404);
    expect(executions[0]?.requestError).toBeUndefined();
  });

  it('writes no execution for an item that sent no request (skipped, or stopped by --bail)', async () => {
    const skipped = syntheticItem(1);
    const sent = syntheticItem(2);
    const executions = await executionsOf((l) => {
      const c1 = cursorOf('ref-skipped', 1);
      l.beforeItem?.({ cursor: c1, item: skipped });
      l.prerequest?.({
        cursor: c1,
        item: skipped,
        executions: [{ id: 'pre', error: { name: 'ReferenceError', message: 'x is not defined' } }],
      });
      l.item?.({ cursor: c1, item: skipped });
      const c2 = cursorOf('ref-sent', 2);
      l.beforeItem?.({ cursor: c2, item: sent });
      l.request?.({ cursor: c2, item: sent, request: request('main'), response: response(200) });
      l.item?.({ cursor: c2, item: sent });
    });
    expect(executions.map((e) => e.item.name)).toEqual([sent.name]);
  });
});
