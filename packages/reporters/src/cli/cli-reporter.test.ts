import type { Collection } from '@postern/collection';
import { describe, expect, it } from 'vitest';
import {
  differentialCollection,
  type ReferenceServer,
  startReferenceServer,
} from '../test-support/differential-collection.ts';
import { fakeTty } from '../test-support/fake-tty.ts';
import { runNewmanInto } from '../test-support/newman-events.ts';
import {
  emitSyntheticRun,
  type SyntheticRunOptions,
  syntheticContext,
} from '../test-support/synthetic-run.ts';
import type { ReporterContext, ReporterOptions } from '../types.ts';
import { cliReporter } from './cli-reporter.ts';

const RUN: SyntheticRunOptions = {
  items: 3,
  iterations: 2,
  failAssertionEvery: 2,
  prerequestErrorEvery: 5,
  requestErrorEvery: 4,
  consoleEvery: 3,
};

async function cliOutput(
  options: ReporterOptions = {},
  run: SyntheticRunOptions = RUN,
  context: Partial<ReporterContext> = {},
): Promise<string> {
  const ctx = syntheticContext({ cwd: '/tmp', ...context });
  const reporter = cliReporter(options, ctx);
  await emitSyntheticRun(reporter, run);
  await reporter.close?.();
  return ctx.output();
}

describe('cli reporter', () => {
  it("prints Newman's run log: banner, iterations, folders, requests, assertions and console frames", async () => {
    const out = await cliOutput();
    const expectedStart = [
      'postern',
      '',
      'Synthetic Collection',
      '',
      'Iteration 1/2',
      '',
      '→ request 0',
      '  GET http://127.0.0.1:9/things/0?iteration=0 [200 OK, 133B, 10ms]',
      '  ✓  status is 200',
      '  ✓  body has id',
      '  -  [skipped] skipped check',
      '',
      '❏ Folder A',
      '↳ request 1',
      '  POST http://127.0.0.1:9/things/1?iteration=0 [200 OK, 133B, 11ms]',
      '  ✓  status is 200',
      '  1. body has id',
      '  -  [skipped] skipped check',
      '',
      '❏ Folder A / Sub F',
      '↳ request 2',
      '  GET http://127.0.0.1:9/things/2?iteration=0 [200 OK, 133B, 12ms]',
      '  ✓  status is 200',
      '  ✓  body has id',
      '  -  [skipped] skipped check',
      '  ┌',
      "  │ 'token is ', { position: 2 }",
      '  └',
      '',
      'Iteration 2/2',
      '',
      '→ request 0',
      '  GET http://127.0.0.1:9/things/0?iteration=1 [errored]',
      '     connect ECONNREFUSED 127.0.0.1:9',
      '  ✓  status is 200',
      '  3. body has id',
      '  -  [skipped] skipped check',
      '',
      '❏ Folder A',
      '↳ request 1',
      '  4⠄ ReferenceError in prerequest-script',
      '  POST http://127.0.0.1:9/things/1?iteration=1 [200 OK, 133B, 14ms]',
    ].join('\n');
    expect(out.startsWith(expectedStart)).toBe(true);
  });

  it('prints the summary table and the numbered failure details', async () => {
    const out = await cliOutput();
    expect(out).toContain(
      [
        '┌─────────────────────────┬──────────────────┬──────────────────┐',
        '│                         │         executed │           failed │',
        '├─────────────────────────┼──────────────────┼──────────────────┤',
        '│              iterations │                2 │                0 │',
        '├─────────────────────────┼──────────────────┼──────────────────┤',
        '│                requests │                6 │                1 │',
        '├─────────────────────────┼──────────────────┼──────────────────┤',
        '│            test-scripts │                6 │                0 │',
        '├─────────────────────────┼──────────────────┼──────────────────┤',
        '│      prerequest-scripts │                6 │                1 │',
        '├─────────────────────────┼──────────────────┼──────────────────┤',
        '│              assertions │               18 │                3 │',
        '├─────────────────────────┴──────────────────┴──────────────────┤',
        '│ total run duration: 1234ms                                    │',
        '├───────────────────────────────────────────────────────────────┤',
        '│ total data received: 285B (approx)                            │',
        '├───────────────────────────────────────────────────────────────┤',
        '│ average response time: 13ms [min: 10ms, max: 16ms, s.d.: 2ms] │',
        '└───────────────────────────────────────────────────────────────┘',
      ].join('\n'),
    );
    const failures = out.slice(out.indexOf('  #  failure'));
    expect(failures.split('\n').slice(0, 7)).toEqual([
      '  #  failure         detail                                ',
      '                                                           ',
      ' 1.  AssertionError  body has id                           ',
      "     iteration: 1    expected '' to equal 'id'             ",
      '                     at assertion:1 in test-script         ',
      '                     inside "Folder A / request 1"         ',
      '                                                           ',
    ]);
    expect(failures).toContain(' 4.  ReferenceError');
    expect(failures).toContain('at prerequest-script');
    expect(failures).toContain(' 5.  AssertionError');
  });

  it('honours noSummary, noFailures, noBanner, noConsole and noAssertions', async () => {
    const out = await cliOutput({
      noSummary: true,
      noFailures: true,
      noBanner: true,
      noConsole: true,
      noAssertions: true,
    });
    expect(out.startsWith('Synthetic Collection\n')).toBe(true);
    expect(out).not.toContain('executed');
    expect(out).not.toContain('failure');
    expect(out).not.toContain('┌\n');
    expect(out).not.toContain('status is 200');
    expect(out).toContain('[200 OK, 133B, 10ms]');
  });

  it('accepts kebab-case options and noSuccessAssertions shows only failures', async () => {
    const out = await cliOutput({ 'no-success-assertions': true });
    expect(out).not.toContain('✓');
    expect(out).not.toContain('[skipped]');
    expect(out).toContain('  1. body has id');
  });

  it('prints nothing at all when silent', async () => {
    expect(await cliOutput({}, RUN, { silent: true })).toBe('');
    expect(await cliOutput({ silent: true })).toBe('');
  });

  it('shows timestamps with showTimestamps', async () => {
    const out = await cliOutput({ showTimestamps: true }, { items: 1 });
    expect(out).toMatch(/\n {2}\[[^\]]+\] {2}GET http:\/\/127\.0\.0\.1:9\/things\/0\?iteration=0 \[200 OK/);
    expect(out).toMatch(/\n {2}\[[^\]]+\] {2}✓ {2}status is 200\n/);
  });

  it('uses plain symbols and an ASCII table with disableUnicode', async () => {
    const out = await cliOutput({}, { items: 2 }, { disableUnicode: true });
    expect(out).toContain('\nRoot request 0\n');
    expect(out).toContain('\nFolder Folder A\nSub-folder request 1\n');
    expect(out).toContain('  Pass  status is 200');
    expect(out).toContain('|              iterations |');
  });

  it('colours output only when ctx.color is on', async () => {
    expect(await cliOutput({}, { items: 1 })).not.toContain('\u001b[');
    const coloured = await cliOutput({}, { items: 1 }, { color: true });
    expect(coloured).toContain('\u001b[32m');
  });

  it('prints request and response details with --verbose', async () => {
    const out = await cliOutput({}, { items: 2 }, { verbose: true });
    expect(out).toContain('  GET http://127.0.0.1:9/things/0?iteration=0  \n  200 OK ★ 10ms time ★ ');
    expect(out).toContain('2↑ 2↓ headers ★ 0 cookies');
    expect(out).toContain('  ┌ ↓ application/json ★ text ★ json ★ utf-8 ★ 57B\n  │ {"ok":true,');
    expect(out).toContain('  ┌ ↑ raw ★ 26B\n  │ {"position":1,"secret":""}\n  └ \n');
  });

  it('switches to a progress bar instead of per-request lines for long runs on a TTY', async () => {
    const tty = fakeTty();
    const ctx = syntheticContext({ cwd: '/tmp', stdout: tty.stream });
    const reporter = cliReporter({}, ctx);
    await emitSyntheticRun(reporter, { items: 3, iterations: 400, failAssertionEvery: 100 });
    await reporter.close?.();
    const out = tty.output();
    expect(out).not.toContain('→ request 0');
    expect(out).toContain('progress [');
    expect(out).toContain('iterations │              400');
    expect(out).toContain(' 12.  AssertionError');
    // failures are logged above the bar as they happen
    expect(out).toContain('  1. AssertionError body has id inside "request 0" (iteration 34)\n');
    expect(out).toContain(' 10. AssertionError body has id inside "request 0" (iteration 334)\n');
  });

  it('matches what Newman prints for the same run', async () => {
    const server: ReferenceServer = await startReferenceServer();
    try {
      const collection = differentialCollection(server.port);
      const ctx = syntheticContext({ cwd: '/tmp', collection: collection as unknown as Collection });
      const ours = cliReporter({}, ctx);
      const captured: string[] = [];
      const write = process.stdout.write;
      process.stdout.write = ((chunk: string | Uint8Array) => {
        captured.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      try {
        await runNewmanInto(collection, { reporters: ['cli'], color: 'off', iterationCount: 2 }, ours);
      } finally {
        process.stdout.write = write;
      }
      await ours.close?.();
      // Newman's request-error failures say `inside ""` (it loses the item); ours name the item.
      const theirs = normalise(captured.join('').replace(/^newman\n/, 'postern\n'));
      expect(normalise(ctx.output())).toBe(theirs.replaceAll('inside ""', 'inside "Folder / refused"'));
    } finally {
      await server.close();
    }
  });
});

/** Strips colours and trailing padding, and collapses the failure table's column padding. */
function normalise(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const tableStart = plain.indexOf('  #  failure');
  const head = tableStart === -1 ? plain : plain.slice(0, tableStart);
  const table = tableStart === -1 ? '' : plain.slice(tableStart).replace(/ {2,}/g, '  ');
  return (head + table)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
