/**
 * Secret values must never reach any report: a secret placed in a request header and body, response
 * header and body, console message and assertion message and stack is redacted by every reporter.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reporters } from './index.ts';
import { emitSyntheticRun, syntheticContext } from './test-support/synthetic-run.ts';
import type { ReporterContext } from './types.ts';

const SECRET = 'sk_live_51HsEcReT9xQ2';
const MARK = '[secret:apiKey]';
const redact = (text: string): string => text.replaceAll(SECRET, MARK);
/** Pieces of the secret: a secret cut in two by line wrapping must not leak either half. */
const FRAGMENTS = [SECRET, SECRET.slice(0, 10), SECRET.slice(-10)];

function expectNoSecret(text: string, where: string): void {
  for (const fragment of FRAGMENTS) expect(text, where).not.toContain(fragment);
  expect(text, where).toContain(MARK);
}

const dir = mkdtempSync(join(tmpdir(), 'postern-redaction-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runAll(
  context: Partial<ReporterContext>,
): Promise<{ console: string; files: Record<string, string> }> {
  const ctx = syntheticContext({ cwd: dir, redact, ...context });
  const created = [
    reporters.cli({}, ctx),
    reporters.json({ export: 'r.json' }, ctx),
    reporters.junit({ export: 'r.xml' }, ctx),
    reporters.html({ export: 'r.html' }, ctx),
  ];
  const listener = Object.fromEntries(
    [
      'start',
      'beforeIteration',
      'beforeItem',
      'prerequest',
      'beforeRequest',
      'request',
      'assertion',
      'console',
    ]
      .concat(['test', 'item', 'iteration', 'failure', 'done'])
      .map((event) => [
        event,
        (payload: unknown) =>
          Promise.all(
            created.map((r) =>
              (r[event as keyof typeof r] as ((p: unknown) => unknown) | undefined)?.(payload),
            ),
          ),
      ]),
  );
  await emitSyntheticRun(listener, {
    items: 3,
    iterations: 2,
    failAssertionEvery: 1,
    prerequestErrorEvery: 5,
    consoleEvery: 1,
    secret: SECRET,
  });
  // A console message where the secret straddles the CLI's line-wrapping column.
  for (const reporter of created) {
    reporter.console?.({
      cursor: { position: 0, iteration: 0, length: 1, cycles: 1, ref: 'late' },
      level: 'warn',
      messages: [`${'x'.repeat(40)}${SECRET}`],
    });
  }
  await Promise.all(created.map((r) => r.close?.()));
  const files = Object.fromEntries(
    ['r.json', 'r.xml', 'r.html'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
  return { console: ctx.output(), files };
}

describe('secret redaction', () => {
  it('keeps the secret out of every reporter, including verbose bodies and JSON byte streams', async () => {
    for (const verbose of [false, true]) {
      const { console, files } = await runAll({ verbose });
      expectNoSecret(console, 'console');
      for (const [name, text] of Object.entries(files)) expectNoSecret(text, name);
      const report = JSON.parse(files['r.json'] ?? '{}') as {
        environment: { values: Array<{ value: string }> };
        run: { executions: Array<{ response?: { stream: { data: number[] } } }> };
      };
      expect(report.environment.values[0]?.value).toBe(MARK);
      for (const execution of report.run.executions) {
        const body = Buffer.from(execution.response?.stream.data ?? []).toString('utf8');
        expectNoSecret(body, 'response stream');
      }
    }
  });
});
