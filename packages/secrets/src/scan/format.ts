/**
 * Text and JSON reports of findings. Neither contains a secret: only its first characters
 * (`redacted`) and its fingerprint. `guardSecrets` is a last line of defence for anything else
 * printed next to findings (a file name or JSON path that happens to contain one).
 */
import { createRedactor } from '../redact.ts';
import type { Finding } from './types.ts';

/** A finding as the JSON report shows it (API.md: `postern scan --format json`). */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  jsonPath?: string;
  redacted: string;
  fingerprint: string;
}

/**
 * The JSON report object.
 *
 * @example
 * toJsonReport(findings); // { findings: [{ file, line, column, ruleId, jsonPath, redacted, fingerprint }] }
 */
export function toJsonReport(findings: readonly Finding[]): { findings: ReportedFinding[] } {
  return {
    findings: findings.map((f) => ({
      file: f.file ?? '',
      line: f.line,
      column: f.column,
      ruleId: f.ruleId,
      ...(f.jsonPath !== undefined ? { jsonPath: f.jsonPath } : {}),
      redacted: f.redacted,
      fingerprint: f.fingerprint,
    })),
  };
}

/**
 * The JSON report as text (pretty-printed, newline-terminated).
 *
 * @example
 * formatJson(findings); // '{\n  "findings": [ … ]\n}\n'
 */
export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(toJsonReport(findings), null, 2)}\n`;
}

/** Counts shown under a text report. */
export interface TextSummary {
  filesScanned: number;
  /** Findings accepted by a baseline (not listed). */
  accepted?: number;
}

/**
 * One line per finding (`file:line:column  ruleId  redacted  jsonPath`), then a summary line.
 *
 * @example
 * formatText(findings, { filesScanned: 3 });
 * // 'api.json:14:25  github-pat  ghp_…  item[0].request.auth.bearer[0].value\n1 secret found in 1 of 3 files.\n'
 */
export function formatText(findings: readonly Finding[], summary: TextSummary): string {
  const lines = findings.map((f) =>
    [`${f.file ?? ''}:${f.line}:${f.column}`, f.ruleId, f.redacted, f.jsonPath ?? ''].join('  ').trimEnd(),
  );
  const files = new Set(findings.map((f) => f.file)).size;
  const scanned = `${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'}`;
  let last =
    findings.length === 0
      ? `No secrets found in ${scanned}.`
      : `${findings.length} secret${findings.length === 1 ? '' : 's'} found in ${files} of ${scanned}.`;
  if (summary.accepted)
    last += ` ${summary.accepted} known finding${summary.accepted === 1 ? '' : 's'} accepted by the baseline.`;
  return `${[...lines, last].join('\n')}\n`;
}

/**
 * Replaces any secret of the findings that still appears in `output` by `[secret:<ruleId>]`.
 *
 * @example
 * guardSecrets(report, findings); // the report, with no finding's secret in clear
 */
export function guardSecrets(output: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return output;
  return createRedactor(findings.map((f) => ({ name: f.ruleId, value: f.secret })))(output);
}
