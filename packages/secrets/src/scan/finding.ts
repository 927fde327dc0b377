/** Turns located secrets into findings: line and column, redacted form and fingerprint. */
import { sha256Hex } from './sha256.ts';
import type { Finding, Rule } from './types.ts';

/** A secret at a text offset, before line and column are known. */
export interface Located {
  rule: Rule;
  offset: number;
  secret: string;
  jsonPath?: string;
  /** Found in a property name: its path shows the secret, so paths are cleaned before output. */
  inKey?: boolean;
}

/**
 * At most the first four characters of a secret (fewer for short ones), then `…`.
 *
 * @example
 * redactSecret('ghp_abcdefghijklmnopqrstuvwxyz0123456789'); // 'ghp_…'
 * redactSecret('abcdefgh'); // 'ab…'
 */
export function redactSecret(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}…`;
}

/**
 * A stable fingerprint of a finding: the same secret under the same rule always gets the same
 * one, wherever it is, so baselines survive edits that move it.
 *
 * @example
 * fingerprintOf('github-pat', token); // 32 hex digits
 */
export function fingerprintOf(ruleId: string, secret: string): string {
  return sha256Hex(`postern-scan:${ruleId}:${secret}`).slice(0, 32);
}

/**
 * 1-based line and column (UTF-16 code units) of each offset; `offsets` must be ascending. One
 * pass over the text up to the last offset.
 *
 * @example
 * lineColumns('a\nbc', [3]); // [{ line: 2, column: 2 }]
 */
export function lineColumns(
  text: string,
  offsets: readonly number[],
): Array<{ line: number; column: number }> {
  const out: Array<{ line: number; column: number }> = [];
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf('\n');
  for (const offset of offsets) {
    while (newline >= 0 && newline < offset) {
      line++;
      lineStart = newline + 1;
      newline = text.indexOf('\n', lineStart);
    }
    out.push({ line, column: offset - lineStart + 1 });
  }
  return out;
}

/**
 * Builds the findings of one document, in text order.
 *
 * @example
 * toFindings(text, located, 'collection.json');
 */
export function toFindings(text: string, located: Located[], file?: string): Finding[] {
  const sorted = [...located].sort((a, b) => a.offset - b.offset);
  const cleanPath = located.some((l) => l.inKey) ? pathCleaner(located) : (path: string) => path;
  const positions = lineColumns(
    text,
    sorted.map((l) => l.offset),
  );
  return sorted.map((l, i) => {
    const { line, column } = positions[i] as { line: number; column: number };
    const finding: Finding = {
      ruleId: l.rule.id,
      provider: l.rule.provider,
      line,
      column,
      secret: l.secret,
      redacted: redactSecret(l.secret),
      fingerprint: fingerprintOf(l.rule.id, l.secret),
    };
    if (file !== undefined) finding.file = file;
    if (l.jsonPath !== undefined) finding.jsonPath = cleanPath(l.jsonPath);
    return finding;
  });
}

/** Replaces secrets found in property names by their redacted form wherever a path shows them. */
function pathCleaner(located: readonly Located[]): (path: string) => string {
  const secrets = located.filter((l) => l.inKey).map((l) => l.secret);
  return (path) => secrets.reduce((p, secret) => p.split(secret).join(redactSecret(secret)), path);
}
