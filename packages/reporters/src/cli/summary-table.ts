/**
 * The run summary table, laid out as Newman's cli-table3 table: a fixed 25-column label column, two
 * right-aligned counters, and full-width rows for duration, data received and average times. Column
 * widths grow for wide full-width rows exactly as cli-table3 distributes them.
 */
import type { RunStats, RunTimings, StatCounter } from '@postern/runtime';
import { formatBytes, formatDuration } from '../shared/format.ts';
import type { Palette } from './palette.ts';

const LABEL_WIDTH = 25;

const STAT_ROWS: ReadonlyArray<[keyof RunStats, string]> = [
  ['iterations', 'iterations'],
  ['requests', 'requests'],
  ['testScripts', 'test-scripts'],
  ['prerequestScripts', 'prerequest-scripts'],
  ['assertions', 'assertions'],
];

interface BorderChars {
  h: string;
  v: string;
  topLeft: string;
  topMid: string;
  topRight: string;
  midLeft: string;
  midMid: string;
  midRight: string;
  midUp: string;
  bottomLeft: string;
  bottomMid: string;
  bottomRight: string;
}

const BOX: BorderChars = {
  h: '─',
  v: '│',
  topLeft: '┌',
  topMid: '┬',
  topRight: '┐',
  midLeft: '├',
  midMid: '┼',
  midRight: '┤',
  midUp: '┴',
  bottomLeft: '└',
  bottomMid: '┴',
  bottomRight: '┘',
};

/** Newman's `--disable-unicode` table characters. */
const ASCII: BorderChars = {
  h: '-',
  v: '|',
  topLeft: '-',
  topMid: '-',
  topRight: '-',
  midLeft: '-',
  midMid: '+',
  midRight: '-',
  midUp: '-',
  bottomLeft: '-',
  bottomMid: '-',
  bottomRight: '-',
};

type ExtendedTimings = RunTimings & Record<string, number | undefined>;

/**
 * @example
 * renderSummaryTable({ stats, timings, transfers: { responseTotal: 98 }, paint, unicode: true });
 * // '┌─────────────────────────┬──────────┬──────────┐\n│                         │ executed │   failed │…'
 */
export function renderSummaryTable(args: {
  stats: RunStats;
  timings: RunTimings;
  transfers: { responseTotal: number };
  paint: Palette;
  unicode: boolean;
}): string {
  const { stats, paint } = args;
  const chars = args.unicode ? BOX : ASCII;
  const border = paint.gray;
  const counters = STAT_ROWS.map(([key, label]) => ({ label, metric: stats[key] ?? emptyCounter() }));
  const spans = spanRows(args.timings, args.transfers);

  const widths = [LABEL_WIDTH, 'executed'.length + 2, '  failed'.length + 2];
  for (const { metric } of counters) {
    widths[1] = Math.max(widths[1] ?? 0, String(metric.total).length + 2);
    widths[2] = Math.max(widths[2] ?? 0, String(metric.failed).length + 2);
  }
  growForSpans(widths, spans);
  const [w0 = 0, w1 = 0, w2 = 0] = widths;
  const inner = w0 + w1 + w2 + 2;
  const rule = (left: string, mid: string, right: string, a: string = mid, b: string = mid): string =>
    border(left + chars.h.repeat(w0) + a + chars.h.repeat(w1) + b + chars.h.repeat(w2) + right);
  const cell = (text: string, width: number, paintText: (t: string) => string = (t) => t): string =>
    ` ${paintText(text.padStart(width - 2))} `;
  const row = (cells: string[]): string => border(chars.v) + cells.join(border(chars.v)) + border(chars.v);

  const lines: string[] = [rule(chars.topLeft, chars.topMid, chars.topRight)];
  lines.push(row([cell('', w0), cell('executed', w1), cell('  failed', w2)]));
  for (const { label, metric } of counters) {
    const labelPaint = metric.failed ? paint.red : metric.pending ? (t: string) => t : paint.green;
    lines.push(rule(chars.midLeft, chars.midMid, chars.midRight));
    lines.push(
      row([
        cell(label, w0, labelPaint),
        cell(String(metric.total), w1),
        cell(String(metric.failed), w2, metric.failed ? paint.red : (t) => t),
      ]),
    );
  }
  spans.forEach((text, index) => {
    lines.push(
      index === 0
        ? rule(chars.midLeft, chars.midUp, chars.midRight)
        : border(chars.midLeft + chars.h.repeat(inner) + chars.midRight),
    );
    lines.push(row([` ${text.padEnd(inner - 2)} `]));
  });
  lines.push(
    spans.length > 0
      ? border(chars.bottomLeft + chars.h.repeat(inner) + chars.bottomRight)
      : rule(chars.bottomLeft, chars.bottomMid, chars.bottomRight),
  );
  return lines.join('\n');
}

function emptyCounter(): StatCounter {
  return { total: 0, pending: 0, failed: 0 };
}

function spanRows(timings: RunTimings, transfers: { responseTotal: number }): string[] {
  const rows = [
    `total run duration: ${formatDuration((timings.completed ?? timings.started) - timings.started)}`,
    `total data received: ${formatBytes(transfers.responseTotal)} (approx)`,
  ];
  const t = timings as ExtendedTimings;
  const phases: Array<[string, string]> = [
    ['response', 'average response time:'],
    ['dns', 'average DNS lookup time:'],
    ['firstByte', 'average first byte time:'],
  ];
  for (const [key, label] of phases) {
    const average = t[`${key}Average`];
    if (!average) continue;
    const part = (name: string): string => formatDuration(t[`${key}${name}`] ?? 0);
    rows.push(
      `${label} ${formatDuration(average)} [min: ${part('Min')}, max: ${part('Max')}, s.d.: ${part('Sd')}]`,
    );
  }
  return rows;
}

/** cli-table3's rule: process spanning rows last to first, widening the non-fixed columns in turn. */
function growForSpans(widths: number[], spans: string[]): void {
  for (let k = spans.length - 1; k >= 0; k--) {
    const desired = (spans[k] ?? '').length + 2;
    let existing = (widths[0] ?? 0) + 1 + (widths[1] ?? 0) + 1 + (widths[2] ?? 0);
    let editable = 2;
    for (let col = 1; col <= 2 && desired > existing; col++) {
      const dif = Math.round((desired - existing) / editable);
      existing += dif;
      widths[col] = (widths[col] ?? 0) + dif;
      editable -= 1;
    }
  }
}
