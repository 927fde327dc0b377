/** HTML fragments of the report: the summary, one section per item execution, one entry per failure. */
import type { Failure, RunStats, RunSummary } from '@postern/runtime';
import { fullName } from '../shared/collection-index.ts';
import type { ExecutionRecord } from '../shared/execution-tracker.ts';
import { failureLocation, failureSourceName } from '../shared/failure-text.ts';
import { formatBytes, formatDuration } from '../shared/format.ts';
import { escapeText } from '../shared/markup-escape.ts';

/** Bodies longer than this are cut in the report (it is a report, not an archive). */
export const HTML_BODY_LIMIT = 16 * 1024;

type Redact = (text: string) => string;

/** Escapes after redacting: the only way text enters the report. */
export function safe(text: string, redact: Redact): string {
  return escapeText(redact(text));
}

const STAT_ROWS: ReadonlyArray<[keyof RunStats, string]> = [
  ['iterations', 'iterations'],
  ['requests', 'requests'],
  ['testScripts', 'test-scripts'],
  ['prerequestScripts', 'prerequest-scripts'],
  ['assertions', 'assertions'],
];

/**
 * The summary: headline cards, the executed/failed table and timing lines.
 *
 * @example
 * summaryHtml(summary, 3, redact); // '<section class="summary">…'
 */
export function summaryHtml(summary: RunSummary, failureCount: number, redact: Redact): string {
  const { stats, timings, transfers } = summary;
  const duration = (timings.completed ?? timings.started) - timings.started;
  const cards = [
    ['Iterations', String(stats.iterations.total)],
    ['Requests', String(stats.requests.total)],
    ['Assertions', String(stats.assertions.total)],
    ['Failed assertions', String(stats.assertions.failed)],
    ['Failures', String(failureCount)],
    ['Duration', formatDuration(duration)],
  ]
    .map(([label, value]) => `<div class="card"><span class="muted">${label}</span><b>${value}</b></div>`)
    .join('');
  const rows = STAT_ROWS.map(([key, label]) => {
    const metric = stats[key];
    const failed = metric.failed > 0 ? ' fail' : '';
    return (
      `<tr><td class="label${failed}">${label}</td><td class="num">${metric.total}</td>` +
      `<td class="num${failed}">${metric.failed}</td></tr>`
    );
  }).join('');
  const lines = [
    `total run duration: ${formatDuration(duration)}`,
    `total data received: ${formatBytes(transfers.responseTotal)} (approx)`,
  ];
  if (timings.responseAverage) {
    lines.push(
      `average response time: ${formatDuration(timings.responseAverage)} [min: ${formatDuration(timings.responseMin ?? 0)}, ` +
        `max: ${formatDuration(timings.responseMax ?? 0)}, s.d.: ${formatDuration(timings.responseSd ?? 0)}]`,
    );
  }
  const fatal = summary.error
    ? `<p class="fail"><b>Run error:</b> ${safe(`${summary.error.name}: ${summary.error.message}`, redact)}</p>`
    : '';
  return (
    `<section class="summary"><h2>Summary</h2><div class="cards">${cards}</div>${fatal}` +
    `<table><thead><tr><th></th><th>executed</th><th>failed</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p class="muted">${lines.map((l) => safe(l, redact)).join('<br>')}</p></section>\n`
  );
}

/** One item execution as a collapsible section (open when something failed). */
export function executionHtml(record: ExecutionRecord, number: number, redact: Redact): string {
  const failed =
    record.requestError !== undefined ||
    record.prerequestErrors.length > 0 ||
    record.testErrors.length > 0 ||
    record.assertions.some((a) => !a.passed && !a.skipped);
  const { request, response } = record;
  const meta = response
    ? `${response.code} ${response.status} · ${formatDuration(response.responseTime)} · ${formatBytes(response.responseSize)}`
    : record.requestError
      ? 'errored'
      : 'no request';
  const iteration = record.cursor.cycles > 1 ? ` · iteration ${record.cursor.iteration + 1}` : '';
  let html =
    `<details class="execution${failed ? ' failed' : ''}" id="execution-${number}"${failed ? ' open' : ''}><summary>` +
    `<span class="${failed ? 'fail' : 'pass'}">${failed ? '✗' : '✓'}</span> ` +
    `<span class="method">${safe(request?.method ?? '', redact)}</span> ${safe(fullName(record.item), redact)}` +
    `<span class="meta">${safe(meta + iteration, redact)}</span></summary><div>`;
  if (request) {
    html += `<h4>Request</h4><p class="url">${safe(`${request.method} ${request.url}`, redact)}</p>`;
    html += headersHtml(request.headers, redact);
    if (request.body) html += bodyHtml(request.body, redact);
  }
  if (record.requestError) {
    html += `<h4>Request error</h4><pre class="fail">${safe(record.requestError.message, redact)}</pre>`;
  }
  if (response) {
    html +=
      `<h4>Response</h4><p>${safe(`${response.code} ${response.status}`, redact)} · ` +
      `${formatDuration(response.responseTime)} · ${formatBytes(response.responseSize)}</p>`;
    html += headersHtml(response.headers, redact);
    if (response.body.length > 0) html += bodyHtml(response.body.toString('utf8'), redact);
  }
  const scriptErrors = [
    ...record.prerequestErrors.map((e) => ['pre-request script', e] as const),
    ...record.testErrors.map((e) => ['test script', e] as const),
  ];
  for (const [phase, error] of scriptErrors) {
    html += `<h4>Error in ${phase}</h4><pre class="fail">${safe(`${error.name}: ${error.message}`, redact)}</pre>`;
  }
  if (record.assertions.length > 0) {
    html += '<h4>Assertions</h4><ul class="assertions">';
    for (const a of record.assertions) {
      const state = a.skipped ? 'skip' : a.passed ? 'pass' : 'fail';
      const mark = a.skipped ? '–' : a.passed ? '✓' : '✗';
      const error =
        !a.passed && a.error ? `<br><code>${safe(`${a.error.name}: ${a.error.message}`, redact)}</code>` : '';
      html += `<li class="${state}">${mark} ${safe(a.name, redact)}${a.skipped ? ' [skipped]' : ''}${error}</li>`;
    }
    html += '</ul>';
  }
  return `${html}</div></details>\n`;
}

function headersHtml(headers: ReadonlyArray<{ key: string; value: string }>, redact: Redact): string {
  if (headers.length === 0) return '';
  const rows = headers
    .map(
      (h) =>
        `<tr><td><code>${safe(h.key, redact)}</code></td><td><code>${safe(h.value, redact)}</code></td></tr>`,
    )
    .join('');
  return `<table><tbody>${rows}</tbody></table>`;
}

function bodyHtml(body: string, redact: Redact): string {
  // Redact the whole body before cutting it, so a secret straddling the cut is still hidden.
  const text = redact(body);
  if (text.length <= HTML_BODY_LIMIT) return `<pre>${escapeText(text)}</pre>`;
  return (
    `<pre>${escapeText(text.slice(0, HTML_BODY_LIMIT))}</pre>` +
    `<p class="muted">(showing ${formatBytes(HTML_BODY_LIMIT)} of ${formatBytes(Buffer.byteLength(text))})</p>`
  );
}

/** One failure as a list entry, numbered by its `<ol>`. */
export function failureHtml(failure: Failure, redact: Redact): string {
  const iteration =
    failure.cursor && failure.cursor.cycles > 1 ? ` · iteration ${failure.cursor.iteration + 1}` : '';
  const test = failure.error.test ? ` — ${safe(failure.error.test, redact)}` : '';
  return (
    `<li><b class="fail">${safe(failure.error.name, redact)}</b>${test}<br>` +
    `<code>${safe(failure.error.message, redact)}</code><br>` +
    `<span class="muted">at ${safe(failureLocation(failure), redact)} · inside “${safe(failureSourceName(failure), redact)}”` +
    `${iteration}</span></li>\n`
  );
}
