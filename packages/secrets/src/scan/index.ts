/** The secret scanner: rules, `scanDocument`, and the formats and baselines of its findings. */
export { applyBaseline, BaselineError, parseBaseline, serializeBaseline } from './baseline.ts';
export { BASE62_ALPHABET, base62Crc32, crc32, hasBase62Crc32, toBase62 } from './checksum.ts';
export { fingerprintOf, redactSecret } from './finding.ts';
export {
  formatJson,
  formatText,
  guardSecrets,
  type ReportedFinding,
  type TextSummary,
  toJsonReport,
} from './format.ts';
export { RULES, ruleById } from './rules/index.ts';
export { formatSarif, type SarifTool, toSarif } from './sarif.ts';
export { scanDocument, scanText } from './scanner.ts';
export type { Finding, Rule, RuleKind, ScanOptions } from './types.ts';
