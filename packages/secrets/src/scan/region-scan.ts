/**
 * Runs the rules that the prefilter selected over one region of text: a JSON string's content
 * (searched whole when short) or a text file (searched line by line around each hit). Produces
 * candidate findings with text offsets; `resolveOverlaps` then keeps the best rule per secret.
 */
import { findAssignment } from './assignment.ts';
import { evaluateCredential } from './evaluate.ts';
import { isPlaceholder } from './placeholders.ts';
import { PATTERNS } from './rules/index.ts';
import type { Pattern, Rule } from './types.ts';

/** A secret found at `text[start, end)`; a lower rank wins when findings overlap. */
export interface Candidate {
  rule: Rule;
  start: number;
  end: number;
  secret: string;
  rank: number;
}

/** Text a rule matched but rejected (bad checksum, placeholder): context rules stay quiet there. */
export interface Span {
  start: number;
  end: number;
}

/** Where to search: `text[start, end)`; `lines` for text files, where a match stays on its line. */
export interface Region {
  text: string;
  start: number;
  end: number;
  lines: boolean;
}

/** Context findings rank after every pattern. */
const CONTEXT_RANK = PATTERNS.length;
/** Strings up to this length are searched whole; longer ones in windows around each hit. */
const WHOLE_REGION = 4096;
const DEFAULT_MAX_LENGTH = 512;
const LOOK_BEHIND = 512;

/**
 * Runs the patterns hit at `offsets` (with their pattern ids) over the region.
 *
 * @example
 * matchPatterns({ text, start: 0, end: text.length, lines: true }, hits.patternOffsets, hits.patternIds, found, rejected);
 */
export function matchPatterns(
  region: Region,
  offsets: readonly number[],
  ids: readonly (readonly number[])[],
  found: Candidate[],
  rejected: Span[],
): void {
  const covered = new Map<number, number>();
  const seen = new Set<string>();
  for (let k = 0; k < offsets.length; k++) {
    const at = offsets[k] as number;
    for (const id of ids[k] as readonly number[]) {
      const pattern = PATTERNS[id] as Pattern;
      const maxLength = pattern.maxLength ?? DEFAULT_MAX_LENGTH;
      const coveredTo = covered.get(id);
      if (coveredTo !== undefined && at + maxLength <= coveredTo) continue;
      const [from, to] = windowAround(region, at, maxLength, pattern.multiline === true);
      covered.set(id, to);
      runPattern(region.text, from, to, id, pattern, found, rejected, seen);
    }
  }
}

function windowAround(region: Region, at: number, maxLength: number, multiline: boolean): [number, number] {
  const { text, start, end } = region;
  if (!region.lines) {
    if (end - start <= WHOLE_REGION) return [start, end];
    return [Math.max(start, at - LOOK_BEHIND), Math.min(end, at + maxLength + LOOK_BEHIND)];
  }
  const lineStart = Math.max(start, text.lastIndexOf('\n', at - 1) + 1, at - LOOK_BEHIND);
  if (multiline) return [lineStart, Math.min(end, at + maxLength)];
  const newline = text.indexOf('\n', at);
  const lineEnd = newline < 0 || newline > end ? end : newline;
  return [lineStart, Math.min(lineEnd, at + maxLength + LOOK_BEHIND)];
}

function runPattern(
  text: string,
  from: number,
  to: number,
  id: number,
  pattern: Pattern,
  found: Candidate[],
  rejected: Span[],
  seen: Set<string>,
): void {
  const window = text.slice(from, to);
  const regex = pattern.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(window); m; m = regex.exec(window)) {
    const group = m.indices?.groups?.secret;
    const secret = m.groups?.secret ?? m[0];
    const start = from + (group ? group[0] : m.index);
    const key = `${id}:${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = pattern.pick ? pattern.pick(secret, m) : pattern.rules[0];
    if (rule && (pattern.allowRepetition || !isPlaceholder(withoutPrefix(secret, pattern)))) {
      found.push({ rule, start, end: start + secret.length, secret, rank: id });
    } else {
      rejected.push({ start, end: start + secret.length });
    }
  }
}

/** The random part of a token: placeholders are judged without the fixed prefix. */
function withoutPrefix(secret: string, pattern: Pattern): string {
  let longest = 0;
  for (const prefix of pattern.prefixes ?? []) {
    if (prefix.length > longest && secret.startsWith(prefix)) longest = prefix.length;
  }
  return secret.slice(longest);
}

/**
 * Evaluates the assignments around credential words at `offsets` (`password=…`, `"token": "…"`).
 *
 * @example
 * matchContext(region, hits.contextOffsets, hits.contextLengths, found);
 */
export function matchContext(
  region: Region,
  offsets: readonly number[],
  lengths: readonly number[],
  found: Candidate[],
): void {
  const { text } = region;
  let nameEnd = -1;
  for (let k = 0; k < offsets.length; k++) {
    const at = offsets[k] as number;
    if (at < nameEnd) continue;
    let lo = region.start;
    let hi = region.end;
    if (region.lines) {
      lo = Math.max(lo, text.lastIndexOf('\n', at - 1) + 1);
      const newline = text.indexOf('\n', at);
      if (newline >= 0 && newline < hi) hi = newline;
    }
    const assignment = findAssignment(text, at, lengths[k] as number, lo, hi);
    if (!assignment) continue;
    nameEnd = assignment.nameEnd;
    const match = evaluateCredential(assignment.name, text.slice(assignment.valueStart, assignment.valueEnd));
    if (!match) continue;
    const start = assignment.valueStart + match.offset;
    found.push({
      rule: match.rule,
      start,
      end: start + match.secret.length,
      secret: match.secret,
      rank: CONTEXT_RANK,
    });
  }
}

/** Adds a context candidate for a whole value (a JSON string under a credential name). */
export function contextCandidate(rule: Rule, start: number, secret: string): Candidate {
  return { rule, start, end: start + secret.length, secret, rank: CONTEXT_RANK };
}

/**
 * Keeps one finding per secret: where candidates overlap, the lowest rank wins; context findings
 * that overlap text a pattern rejected are dropped. Returns the findings in text order. Works on
 * clusters of overlapping spans, so a file with thousands of findings stays linear.
 *
 * @example
 * resolveOverlaps([jwtCandidate, contextCandidateOnSameValue], []); // [jwtCandidate]
 */
export function resolveOverlaps(found: Candidate[], rejected: readonly Span[]): Candidate[] {
  if (found.length === 0 || (found.length === 1 && rejected.length === 0)) return found;
  const items: Array<Candidate | Span> = [...found, ...rejected].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let cluster: Array<Candidate | Span> = [];
  let clusterEnd = -1;
  for (const item of items) {
    if (cluster.length > 0 && item.start >= clusterEnd) {
      resolveCluster(cluster, kept);
      cluster = [];
    }
    cluster.push(item);
    clusterEnd = cluster.length === 1 ? item.end : Math.max(clusterEnd, item.end);
  }
  resolveCluster(cluster, kept);
  return kept;
}

function resolveCluster(cluster: ReadonlyArray<Candidate | Span>, kept: Candidate[]): void {
  const rejected = cluster.filter((item): item is Span => !('rule' in item));
  const candidates = cluster.filter(
    (item): item is Candidate =>
      'rule' in item && (item.rank < CONTEXT_RANK || !rejected.some((r) => overlaps(r, item))),
  );
  const chosen: Candidate[] = [];
  for (const candidate of candidates.sort((a, b) => a.rank - b.rank || a.start - b.start)) {
    if (!chosen.some((c) => overlaps(c, candidate))) chosen.push(candidate);
  }
  kept.push(...chosen.sort((a, b) => a.start - b.start));
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
