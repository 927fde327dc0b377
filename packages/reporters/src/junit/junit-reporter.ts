/**
 * Newman's `junit` reporter: JUnit XML written to `--reporter-junit-export` (default
 * `newman/newman-run-report-<timestamp>.xml`), one testsuite per request item with a testcase per
 * assertion name.
 */
import type { RunSummary } from '@postern/runtime';
import { collectionId } from '../shared/collection-index.ts';
import { trackExecutions } from '../shared/execution-tracker.ts';
import { cdata, escapeAttribute } from '../shared/markup-escape.ts';
import { optionText } from '../shared/options.ts';
import { finishFile, openReportFile, resolveReportPath, writeText } from '../shared/report-file.ts';
import type { ReporterContext, ReporterFactory } from '../types.ts';
import { addExecution, className, type SuiteState } from './junit-suites.ts';

/**
 * @example
 * const reporter = junitReporter({ export: 'results.xml' }, ctx);
 */
export const junitReporter: ReporterFactory = (options, ctx) => {
  const suites = new Map<string, SuiteState>();
  let written: Promise<void> | undefined;
  const tracker = trackExecutions((record) => {
    // Like Newman: an item is reported once it sent its request (a skipped request leaves no suite).
    if (!record.request && record.assertions.length === 0) return;
    addExecution(suites, record, ctx.redact);
  });
  return {
    ...tracker,
    done(e) {
      const path = resolveReportPath({
        exportOption: optionText(options, 'export'),
        extension: 'xml',
        cwd: ctx.cwd,
        now: (ctx.now ?? (() => new Date()))(),
      });
      written ??= writeJunit(path, e.summary, suites, ctx);
      return written;
    },
    async close() {
      await written;
    },
  };
};

async function writeJunit(
  path: string,
  summary: RunSummary,
  suites: Map<string, SuiteState>,
  ctx: ReporterContext,
): Promise<void> {
  const redact = ctx.redact;
  const attr = (text: string): string => escapeAttribute(redact(text));
  const collectionName = ctx.collection.info.name || summary.collection.name;
  const timestamp = new Date(summary.timings.started).toISOString();
  let totalTime = 0;
  for (const suite of suites.values()) totalTime += suite.timeSum;

  const file = openReportFile(path);
  try {
    await writeText(
      file,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<testsuites name="${attr(collectionName)}" tests="${summary.stats.tests.total}" time="${totalTime.toFixed(3)}"`,
    );
    if (suites.size === 0) {
      await writeText(file, '/>\n');
      return;
    }
    await writeText(file, '>\n');
    for (const suite of suites.values()) {
      await writeText(
        file,
        suiteXml(suite, { collectionName, collectionId: collectionId(ctx.collection), timestamp }, redact),
      );
    }
    await writeText(file, '</testsuites>\n');
  } finally {
    await finishFile(file);
  }
}

function suiteXml(
  suite: SuiteState,
  run: { collectionName: string; collectionId: string; timestamp: string },
  redact: (text: string) => string,
): string {
  const attr = (text: string): string => escapeAttribute(redact(text));
  const mean = suite.executions > 0 ? suite.timeSum / suite.executions : 0;
  const open =
    `  <testsuite name="${attr(suite.name)}" id="${attr(suite.id)}" timestamp="${run.timestamp}"` +
    ` tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" time="${mean.toFixed(3)}"`;
  if (suite.cases.size === 0 && suite.systemErr === '') return `${open}/>\n`;
  let xml = `${open}>\n`;
  if (suite.systemErr !== '') xml += `    <system-err>${cdata(suite.systemErr)}</system-err>\n`;
  const classname = attr(className(suite.name) || className(run.collectionName));
  const time = suite.lastTime.toFixed(3);
  for (const [name, testCase] of suite.cases) {
    const open = `    <testcase name="${attr(name)}" time="${time}" classname="${classname}"`;
    if (testCase.failures === 0) {
      xml += `${open}/>\n`;
      continue;
    }
    const error = testCase.firstError;
    const lines = [
      `Failed ${testCase.failures} times.`,
      `Collection JSON ID: ${run.collectionId}.`,
      `Collection name: ${run.collectionName}.`,
      `Request name: ${suite.name}.`,
      `Test description: ${name}.`,
      `Error message: ${error?.message ?? ''}.`,
      `Stacktrace: ${error?.stack ?? ''}.`,
    ];
    xml += `${open}>\n      <failure type="AssertionFailure" message="${attr(error?.message ?? '')}">\n`;
    for (const line of lines) xml += `        ${cdata(redact(line))}\n`;
    xml += '      </failure>\n    </testcase>\n';
  }
  return `${xml}  </testsuite>\n`;
}
