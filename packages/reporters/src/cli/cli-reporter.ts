/**
 * Newman's `cli` reporter: the collection banner, iteration and folder headers, one line per request
 * with its result, assertion marks, console frames, then the summary and failure tables.
 *
 * Memory stays flat on long runs: failures for the final table go to a temporary file (only the
 * column widths are kept), and runs of more than 1000 items on a TTY show a progress bar instead of
 * a line per request.
 */
import type { Failure, RunListener } from '@postern/runtime';
import { type RunProgressBar, startProgressBar } from '../progress/progress-bar.ts';
import { failureLocation, failureSourceName } from '../shared/failure-text.ts';
import { formatBytes, formatDuration, padLeft } from '../shared/format.ts';
import { responseTotalSize } from '../shared/http-size.ts';
import { optionFlag } from '../shared/options.ts';
import { SpoolFile } from '../shared/spool-file.ts';
import type { Reporter, ReporterContext, ReporterFactory, ReporterOptions } from '../types.ts';
import { type FailureRow, FailureTableLayout } from './failure-table.ts';
import { makePalette, type Paint, type Palette } from './palette.ts';
import { Printer } from './printer.ts';
import { renderSummaryTable } from './summary-table.ts';
import { cliSymbols } from './symbols.ts';
import { cutLines, inspectMessages, terminalWidth } from './text-layout.ts';
import { verboseExchange } from './verbose.ts';

/** Above this many items per run, a TTY gets a progress bar instead of a line per request. */
const COMPACT_THRESHOLD = 1000;
/** In compact mode, the first failures are logged above the bar as they happen; the rest wait for the table. */
const COMPACT_LOG_LIMIT = 50;

interface CliSettings {
  noSummary: boolean;
  noFailures: boolean;
  noAssertions: boolean;
  noSuccessAssertions: boolean;
  noConsole: boolean;
  noBanner: boolean;
  showTimestamps: boolean;
  /** `--reporter-cli-no-progress`: never switch to the progress bar. */
  noProgress: boolean;
}

function readSettings(options: ReporterOptions): CliSettings {
  return {
    noSummary: optionFlag(options, 'noSummary'),
    noFailures: optionFlag(options, 'noFailures'),
    noAssertions: optionFlag(options, 'noAssertions'),
    noSuccessAssertions: optionFlag(options, 'noSuccessAssertions'),
    noConsole: optionFlag(options, 'noConsole'),
    noBanner: optionFlag(options, 'noBanner'),
    showTimestamps: optionFlag(options, 'showTimestamps'),
    noProgress: optionFlag(options, 'noProgress'),
  };
}

/**
 * @example
 * const reporter = cliReporter({ noBanner: true }, ctx);
 * await run(options, reporter);
 * await reporter.close?.();
 */
export const cliReporter: ReporterFactory = (options, ctx) => {
  if (ctx.silent || optionFlag(options, 'silent')) return {};
  return createCliReporter(readSettings(options), ctx);
};

function createCliReporter(settings: CliSettings, ctx: ReporterContext): Reporter {
  const paint = makePalette(ctx.color);
  const symbols = cliSymbols(ctx.disableUnicode === true);
  const printer = new Printer(ctx.stdout, ctx.redact);
  const screenWidth = terminalWidth(ctx.stdout);
  const wrapWidth = screenWidth - 6;
  const now = ctx.now ?? (() => new Date());
  const isTTY = (ctx.stdout as { isTTY?: boolean }).isTTY === true;

  let currentGroup = '';
  let compact = false;
  let progress: RunProgressBar | undefined;
  let failuresReported = 0;
  let failuresNumbered = 0;
  const layout = new FailureTableLayout();
  let failureSpool: SpoolFile | undefined;
  let finished: Promise<void> | undefined;

  /** Newman numbers failures by their position in the run's failure list; robust to event order. */
  const nextFailureNumber = (): number => {
    failuresNumbered = Math.max(failuresReported, failuresNumbered + 1);
    return failuresNumbered;
  };

  const printScriptErrors = (executions: Array<{ error?: { name: string } }>, phase: string): void => {
    for (const execution of executions) {
      if (!execution.error) continue;
      const number = nextFailureNumber();
      if (!compact) {
        printer.print(
          `${paint.redBold(`${padLeft(number, 3)}⠄ ${execution.error.name} in ${phase}-script`)}\n`,
        );
      }
    }
  };

  /** One failure line above the progress bar, as it happens. */
  const logAboveBar = (failure: Failure): void => {
    const row = failureRow(failure, ctx.redact);
    const iteration = row.iteration === undefined ? '' : ` (iteration ${row.iteration})`;
    const what = row.test ? `${row.name} ${row.test}` : `${row.name} ${row.message.split('\n')[0] ?? ''}`;
    const number = paint.redBold(`${padLeft(failuresReported, 3)}. ${what}`);
    let line = `${number} ${paint.gray(`inside "${row.inside}"${iteration}`)}`;
    if (failuresReported === COMPACT_LOG_LIMIT) {
      line += paint.gray('\n  … more failures are listed after the run');
    }
    progress?.log(ctx.redact(line));
  };

  const listener: RunListener = {
    start(e) {
      const total = e.cursor.length * e.cursor.cycles;
      compact = isTTY && !ctx.verbose && !settings.noProgress && total > COMPACT_THRESHOLD;
      if (!settings.noBanner) printer.print('postern\n\n');
      const name = e.collection.name || e.collection.id || ctx.collection.info.name;
      if (name) printer.print(`${name}\n`);
      if (compact) progress = startProgressBar(ctx.stdout, total);
    },
    beforeIteration(e) {
      if (compact || e.cursor.cycles <= 1) return;
      printer.print(`\n${paint.grayUnderline(`Iteration ${e.cursor.iteration + 1}/${e.cursor.cycles}`)}\n`);
    },
    beforeItem(e) {
      if (compact) return;
      const group = e.item.path.join(' / ');
      if (group !== currentGroup) {
        if (group !== '') printer.print(`\n${symbols.folder} ${group}`);
        currentGroup = group;
      }
      printer.print(`\n${group === '' ? symbols.root : symbols.sub} ${e.item.name}\n`);
    },
    prerequest(e) {
      printScriptErrors(e.executions, 'prerequest');
    },
    beforeRequest(e) {
      if (compact) return;
      const target = `${paint.gray(e.request.method)} ${paint.gray(e.request.url)}`;
      if (settings.showTimestamps) {
        printer.print(`  ${paint.gray(`[${now().toLocaleString()}]`)}  ${target} `);
      } else {
        printer.print(`  ${target} `);
      }
    },
    // pm.sendRequest calls are printed too: Newman's runtime reports them as requests of the item.
    request(e) {
      if (e.error || !e.response) {
        nextFailureNumber();
        if (compact) return;
        const message = e.error?.message ?? 'Internal error! Could not read response data.';
        printer.print(`${paint.red('[errored]')}\n${paint.red(`     ${message}`)}\n`);
        return;
      }
      if (compact) return;
      if (ctx.verbose) {
        printer.print(
          verboseExchange(e.request, e.response, { paint, symbols, width: wrapWidth, redact: ctx.redact }),
        );
        return;
      }
      const { code, status, responseTime } = e.response;
      const size = formatBytes(responseTotalSize(e.response));
      printer.print(`${paint.gray(`[${code} ${status}, ${size}, ${formatDuration(responseTime)}]`)}\n`);
    },
    assertion(e) {
      const { assertion } = e;
      const failed = !assertion.skipped && !assertion.passed;
      const number = failed ? nextFailureNumber() : 0;
      if (compact || settings.noAssertions) return;
      if (assertion.skipped) {
        if (!settings.noSuccessAssertions) {
          printer.print(`${paint.cyan('  - ')} ${paint.cyan(`[skipped] ${assertion.name}`)}\n`);
        }
        return;
      }
      if (!failed && settings.noSuccessAssertions) return;
      const name = failed ? paint.redBold(assertion.name) : paint.gray(assertion.name);
      if (settings.showTimestamps) {
        const mark = failed
          ? paint.redBold(`${padLeft(number, 2)}${symbols.dot}`)
          : paint.green(`  ${symbols.ok} `);
        printer.print(`  ${paint.gray(`[${now().toLocaleTimeString()}]`)}${mark} ${name}\n`);
      } else {
        const mark = failed
          ? paint.redBold(`${padLeft(number, 3)}${symbols.dot}`)
          : paint.green(`  ${symbols.ok} `);
        printer.print(`${mark} ${name}\n`);
      }
    },
    test(e) {
      printScriptErrors(e.executions, 'test');
    },
    console(e) {
      if (compact || settings.noConsole) return;
      const levelPaint = consolePaint(paint, e.level);
      // Redact before cutting into lines so that no secret is split across two lines.
      const text = ctx.redact(inspectMessages(e.messages, screenWidth - 16));
      const indent = `  ${levelPaint(symbols.console.middle)} `;
      const body = cutLines(text, wrapWidth)
        .map((line) => `${indent}${paint.gray(line)}\n`)
        .join('');
      if (settings.showTimestamps) printer.print(`\n  ${paint.gray(`[${now().toLocaleTimeString()}]\n`)}`);
      printer.framed(
        levelPaint(`  ${symbols.console.top}\n`),
        levelPaint(`  ${symbols.console.bottom}\n`),
        body,
      );
    },
    failure(e) {
      failuresReported += 1;
      if (compact && failuresReported <= COMPACT_LOG_LIMIT) logAboveBar(e);
      if (settings.noFailures) return;
      const row = failureRow(e, ctx.redact);
      layout.add(row);
      failureSpool ??= new SpoolFile('cli-failures');
      failureSpool.append(`${JSON.stringify(row)}\n`);
    },
    item() {
      progress?.tick(failuresReported);
    },
    done(e) {
      finished ??= (async () => {
        progress?.stop();
        printer.closeBlock();
        const { stats, timings, transfers } = e.summary;
        if (!settings.noSummary) {
          const table = renderSummaryTable({
            stats,
            timings,
            transfers,
            paint,
            unicode: !ctx.disableUnicode,
          });
          printer.print(`\n${table}\n`);
        }
        if (failureSpool && layout.count > 0) {
          await printFailureTable(printer, layout, failureSpool, paint);
        }
      })().finally(() => failureSpool?.dispose());
      return finished;
    },
  };

  return {
    ...listener,
    async close() {
      progress?.stop();
      printer.closeBlock();
      await finished;
      failureSpool?.dispose();
    },
  };
}

function consolePaint(paint: Palette, level: string): Paint {
  switch (level) {
    case 'info':
      return paint.cyan;
    case 'warn':
      return paint.yellow;
    case 'debug':
      return paint.blue;
    case 'error':
      return paint.red;
    default:
      return paint.gray;
  }
}

function failureRow(failure: Failure, redact: (text: string) => string): FailureRow {
  const { cursor, error } = failure;
  return {
    name: redact(error.name ?? ''),
    iteration: cursor && cursor.cycles > 1 ? cursor.iteration + 1 : undefined,
    test: redact(error.test ?? ''),
    message: redact(error.message ?? ''),
    at: failureLocation(failure),
    inside: redact(failureSourceName(failure)),
  };
}

async function printFailureTable(
  printer: Printer,
  layout: FailureTableLayout,
  spool: SpoolFile,
  paint: Palette,
): Promise<void> {
  let out = `\n${layout.header(paint)}`;
  let index = 0;
  for await (const line of spool.lines()) {
    const row = JSON.parse(line) as FailureRow;
    out += `\n${layout.separator(paint)}\n${layout.row(index, row, paint)}`;
    index += 1;
    if (out.length > 64 * 1024) {
      await printer.printAndDrain(out);
      out = '';
    }
  }
  await printer.printAndDrain(`${out}\n`);
}
