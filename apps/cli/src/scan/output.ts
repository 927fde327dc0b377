/**
 * Renders the scan report in the chosen format. Every report goes through `guardSecrets`, so no
 * finding's secret can reach the terminal in clear, whatever else the report shows.
 */
import { type Finding, formatJson, formatSarif, formatText, guardSecrets } from '@postern/secrets';
import { VERSION } from '../version.ts';

export const SCAN_FORMATS = ['text', 'json', 'sarif'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface ReportInput {
  format: ScanFormat;
  /** Findings to report (not accepted by a baseline). */
  findings: readonly Finding[];
  /** Every finding, including accepted ones: their secrets are guarded too. */
  all: readonly Finding[];
  filesScanned: number;
  accepted: number;
}

/**
 * The report text for stdout.
 *
 * @example
 * renderReport({ format: 'json', findings, all: findings, filesScanned: 4, accepted: 0 });
 */
export function renderReport(input: ReportInput): string {
  const { format, findings } = input;
  const text =
    format === 'json'
      ? formatJson(findings)
      : format === 'sarif'
        ? formatSarif(findings, {
            name: 'postern',
            version: VERSION,
            informationUri: 'https://github.com/postern/postern',
          })
        : formatText(findings, { filesScanned: input.filesScanned, accepted: input.accepted });
  return guardSecrets(text, input.all);
}
