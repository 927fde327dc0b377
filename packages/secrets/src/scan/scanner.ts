/**
 * The scanner's entry points. `scanDocument` reads JSON structurally (Postman collections and
 * environments get JSON paths) and anything else as text; both report line and column.
 */
import { type Located, toFindings } from './finding.ts';
import { scanJson } from './json-scan.ts';
import { buildPrefilter, type Prefilter } from './prefilter.ts';
import { type Candidate, matchContext, matchPatterns, resolveOverlaps, type Span } from './region-scan.ts';
import { PATTERNS } from './rules/index.ts';
import type { Finding, ScanOptions } from './types.ts';

let prefilter: Prefilter | undefined;

function sharedPrefilter(): Prefilter {
  prefilter ??= buildPrefilter(PATTERNS);
  return prefilter;
}

/**
 * Scans a document for secrets: JSON (a Postman collection or environment, or any JSON) by
 * structure, with the JSON path of each finding; anything else, or JSON that does not parse, as
 * text. Pure and synchronous (no I/O): the server runs it for push protection.
 *
 * @example
 * const findings = scanDocument(collectionText, { file: 'api.postman_collection.json' });
 * findings[0]; // { ruleId: 'github-pat', line: 41, column: 30, jsonPath: 'item[2].request.auth.bearer[0].value', … }
 */
export function scanDocument(text: string, options: ScanOptions = {}): Finding[] {
  if (looksLikeJson(text)) {
    const located = scanJson(text, sharedPrefilter());
    if (located) return toFindings(text, located, options.file);
  }
  return scanText(text, options);
}

/**
 * Scans text line by line (private keys may span lines), without JSON structure.
 *
 * @example
 * scanText('GITHUB_TOKEN=ghp_…\n', { file: '.env' }); // [{ ruleId: 'github-pat', line: 1, column: 14, … }]
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const hits = sharedPrefilter().find(text);
  const region = { text, start: 0, end: text.length, lines: true };
  const found: Candidate[] = [];
  const rejected: Span[] = [];
  matchPatterns(region, hits.patternOffsets, hits.patternIds, found, rejected);
  matchContext(region, hits.contextOffsets, hits.contextLengths, found);
  const located: Located[] = resolveOverlaps(found, rejected).map((c) => ({
    rule: c.rule,
    offset: c.start,
    secret: c.secret,
  }));
  return toFindings(text, located, options.file);
}

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) return true;
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) return false;
  }
  return false;
}
