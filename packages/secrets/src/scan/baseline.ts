/**
 * Baselines: a file of known findings (by fingerprint) that a scan accepts, so a repository can
 * adopt scanning without fixing history first. The baseline format is
 * `{"version": 1, "findings": [{"fingerprint", "ruleId", "file"}]}`; a JSON report of
 * `postern scan --format json` is accepted as a baseline too.
 */
import type { Finding } from './types.ts';

/** A baseline that cannot be used; the message says why. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

const FINGERPRINT = /^[0-9a-f]{16,64}$/;

/**
 * The baseline file content for the given findings (sorted, so it diffs well).
 *
 * @example
 * serializeBaseline(findings); // '{\n  "version": 1,\n  "findings": [ … ]\n}\n'
 */
export function serializeBaseline(findings: readonly Finding[]): string {
  const entries = new Map<string, { fingerprint: string; ruleId: string; file: string }>();
  for (const f of findings) {
    if (!entries.has(f.fingerprint))
      entries.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file ?? '' });
  }
  const sorted = [...entries.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint),
  );
  return `${JSON.stringify({ version: 1, findings: sorted }, null, 2)}\n`;
}

/**
 * Reads a baseline's fingerprints; throws BaselineError when the text is not a baseline.
 *
 * @example
 * parseBaseline('{"version":1,"findings":[{"fingerprint":"0123456789abcdef"}]}'); // Set { '0123456789abcdef' }
 */
export function parseBaseline(text: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new BaselineError('expected a JSON object');
  const { version, findings } = data as { version?: unknown; findings?: unknown };
  if (version !== undefined && version !== 1)
    throw new BaselineError(`unsupported version ${JSON.stringify(version)}`);
  if (!Array.isArray(findings)) throw new BaselineError('expected a "findings" array');
  const fingerprints = new Set<string>();
  findings.forEach((entry: unknown, i) => {
    const fingerprint = (entry as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
      throw new BaselineError(`findings[${i}].fingerprint is missing or not a hex fingerprint`);
    }
    fingerprints.add(fingerprint);
  });
  return fingerprints;
}

/**
 * Splits findings into new ones and those the baseline accepts.
 *
 * @example
 * const { fresh, accepted } = applyBaseline(findings, parseBaseline(text));
 */
export function applyBaseline(
  findings: readonly Finding[],
  fingerprints: ReadonlySet<string>,
): { fresh: Finding[]; accepted: Finding[] } {
  const fresh: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) (fingerprints.has(f.fingerprint) ? accepted : fresh).push(f);
  return { fresh, accepted };
}
