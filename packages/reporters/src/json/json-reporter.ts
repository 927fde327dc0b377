/**
 * Newman's `json` reporter: `{collection, environment, globals, run: {stats, timings, executions,
 * transfers, failures, error}}` written to `--reporter-json-export` (default
 * `newman/newman-run-report-<timestamp>.json`).
 *
 * Executions and failures are spooled to temporary files as they happen and spliced into the report
 * at the end, so the heap holds only the executions still in flight, never the run. An execution
 * is written out on the next turn of the event loop (it waits there while the next request is on
 * the wire) rather than in the middle of the run's sequence of events.
 */
import type { RunSummary } from '@postern/runtime';
import { uuidV4 } from '@postern/runtime/random';
import { indexCollection } from '../shared/collection-index.ts';
import { type ExecutionRecord, trackExecutions } from '../shared/execution-tracker.ts';
import { optionText } from '../shared/options.ts';
import { finishFile, openReportFile, resolveReportPath, writeText } from '../shared/report-file.ts';
import { SpoolFile } from '../shared/spool-file.ts';
import type { ReporterContext, ReporterFactory } from '../types.ts';
import { LastRequestTracker } from './last-request.ts';
import { collectionJson, NewmanJsonWriter, timingsJson, variableScopeJson } from './newman-json.ts';

/** Executions held for the next event-loop turn at most (memory stays flat however events come). */
const MAX_UNWRITTEN = 64;

/**
 * @example
 * const reporter = jsonReporter({ export: 'out/report.json' }, ctx);
 * await run(options, reporter);
 * await reporter.close?.(); // the file is complete
 */
export const jsonReporter: ReporterFactory = (options, ctx) => {
  const writer = new NewmanJsonWriter(indexCollection(ctx.collection), ctx.redact, ctx.redactsNothing);
  const executions = new SpoolFile('json-executions');
  const failures = new SpoolFile('json-failures');
  let written: Promise<void> | undefined;

  const appendEntry = (spool: SpoolFile, json: string): void => {
    spool.append(spool.entries === 0 ? `\n      ${json}` : `,\n      ${json}`);
  };
  const lastRequests = new LastRequestTracker();
  /** Finished executions not yet written, and the first error writing them (reported by `done`). */
  let unwritten: ExecutionRecord[] = [];
  let writeError: unknown;
  const writeExecutions = (): void => {
    const records = unwritten;
    unwritten = [];
    try {
      for (const record of records) appendEntry(executions, writer.execution(record, uuidV4()));
    } catch (error) {
      writeError ??= error;
    }
  };
  const tracker = trackExecutions((tracked) => {
    const record = lastRequests.apply(tracked);
    // Newman adds an execution on a request event: an item that sent nothing (skipped, or stopped
    // by --bail before its request) has no entry; its failures are in run.failures.
    if (!record.request) return;
    const waiting = unwritten.push(record);
    // events that arrive without a turn of the event loop between them are written in batches
    if (waiting >= MAX_UNWRITTEN) writeExecutions();
    else if (waiting === 1) setImmediate(writeExecutions);
  });

  return {
    ...tracker,
    request(e) {
      tracker.request(e);
      lastRequests.note(e);
    },
    failure(e) {
      appendEntry(failures, writer.failure(e));
    },
    done(e) {
      writeExecutions();
      if (writeError !== undefined) throw writeError;
      const path = resolveReportPath({
        exportOption: optionText(options, 'export'),
        extension: 'json',
        cwd: ctx.cwd,
        now: (ctx.now ?? (() => new Date()))(),
      });
      written ??= writeReport(path, e.summary, ctx, writer, executions, failures).finally(() => {
        executions.dispose();
        failures.dispose();
      });
      return written;
    },
    async close() {
      unwritten = [];
      if (written) await written;
      executions.dispose();
      failures.dispose();
    },
  };
};

async function writeReport(
  path: string,
  summary: RunSummary,
  ctx: ReporterContext,
  writer: NewmanJsonWriter,
  executions: SpoolFile,
  failures: SpoolFile,
): Promise<void> {
  const file = openReportFile(path);
  const pretty = (value: unknown, depth: number): string =>
    writer.stringify(value, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  const closeList = (spool: SpoolFile): string => (spool.entries === 0 ? ']' : '\n    ]');
  try {
    await writeText(
      file,
      `{\n  "collection": ${pretty(collectionJson(ctx.collection, summary), 1)},` +
        `\n  "environment": ${pretty(variableScopeJson(summary.environment ?? ctx.environment, uuidV4()), 1)},` +
        `\n  "globals": ${pretty(variableScopeJson(summary.globals ?? ctx.globals, uuidV4()), 1)},` +
        `\n  "run": {\n    "stats": ${pretty(summary.stats, 2)},` +
        `\n    "timings": ${pretty(timingsJson(summary), 2)},\n    "executions": [`,
    );
    await executions.pipeTo(file);
    await writeText(
      file,
      `${closeList(executions)},\n    "transfers": ${pretty(summary.transfers, 2)},\n    "failures": [`,
    );
    await failures.pipeTo(file);
    await writeText(
      file,
      `${closeList(failures)},\n    "error": ${pretty(summary.error ?? null, 2)}\n  }\n}\n`,
    );
  } finally {
    await finishFile(file);
  }
}
