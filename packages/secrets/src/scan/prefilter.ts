/**
 * The prefilter: one pass over a document that finds where a rule could match, so rule regexes
 * run only on the few strings or lines that need them. Three cheap searches:
 * - token starts (after a non-token character) that begin like a rule's literal prefix (`ghp_`,
 *   `AKIA`, `xoxb-`): one regular expression built as a trie of the prefixes' first characters
 *   (V8 runs a trie-shaped alternation far faster than a flat one), then a table lookup;
 * - a short alternation of literal keywords that are not token starts (`-----BEGIN`, `://`);
 * - credential words (`password`, `token`, `key`, …) for the context rules, case-insensitively.
 */
import { escapeRegExp } from './rules/define.ts';
import type { Pattern } from './types.ts';

/** Where rules may match: offsets (ascending) of pattern hits and of credential words. */
export interface Hits {
  /** Offsets of pattern hits, ascending. */
  patternOffsets: number[];
  /** For each pattern hit, the indices (into the pattern list) of the patterns it may start. */
  patternIds: (readonly number[])[];
  /** Offsets of credential words, ascending. */
  contextOffsets: number[];
  /** Length of each credential word. */
  contextLengths: number[];
}

/** Words that appear in every credential name the context rules accept. */
const CONTEXT_WORDS = /pass|pwd|secret|token|key|auth|credential|bearer|jwt|pat/gi;
/**
 * Not preceded by a token character, except the letter of a JSON escape (`\n`, `\t`, `\r`), which
 * is how a token at the start of a line looks inside a JSON string.
 */
const TOKEN_START = '(?<![A-Za-z0-9_.-](?<!\\\\[nrt]))';
/** How many leading characters of each prefix the trie spells out. */
const TRIE_DEPTH = 4;

interface PrefixEntry {
  prefix: string;
  ids: number[];
}

export interface Prefilter {
  /** Finds the hits in `text` (a whole document, or one decoded string). Not reentrant. */
  find(text: string): Hits;
}

/**
 * Builds the prefilter for a list of patterns.
 *
 * @example
 * const prefilter = buildPrefilter(PATTERNS);
 * const hits = prefilter.find(documentText);
 */
export function buildPrefilter(patterns: readonly Pattern[]): Prefilter {
  const byPair = new Map<number, PrefixEntry[]>();
  const pairFlags = new Uint8Array(128 * 128);
  const literalIds = new Map<string, number[]>();
  patterns.forEach((pattern, id) => {
    for (const prefix of pattern.prefixes ?? []) {
      const key = pairKey(prefix, 0);
      if (key < 0) throw new Error(`prefix must start with two ASCII characters: ${prefix}`);
      pairFlags[key] = 1;
      const entries = byPair.get(key) ?? [];
      const entry = entries.find((e) => e.prefix === prefix);
      if (entry) entry.ids.push(id);
      else entries.push({ prefix, ids: [id] });
      byPair.set(key, entries);
    }
    for (const keyword of pattern.keywords ?? [])
      literalIds.set(keyword, [...(literalIds.get(keyword) ?? []), id]);
  });
  const literals = [...literalIds.keys()].sort((a, b) => b.length - a.length);
  const literalRegex = new RegExp(literals.map(escapeRegExp).join('|'), 'g');
  const prefixes = [...byPair.values()].flatMap((entries) => entries.map((e) => e.prefix));
  const prefixRegex = new RegExp(TOKEN_START + trie(prefixes, TRIE_DEPTH), 'g');

  return {
    find(text) {
      const startOffsets: number[] = [];
      const startIds: (readonly number[])[] = [];
      const prefix = prefixRegex;
      prefix.lastIndex = 0;
      for (let m = prefix.exec(text); m; m = prefix.exec(text)) {
        const at = m.index;
        const key = pairKey(text, at);
        if (key < 0 || pairFlags[key] === 0) continue;
        const ids = matchPrefixes(byPair.get(key) ?? [], text, at);
        if (ids) {
          startOffsets.push(at);
          startIds.push(ids);
        }
      }
      const literalOffsets: number[] = [];
      const literalPatternIds: (readonly number[])[] = [];
      const literal = literalRegex;
      literal.lastIndex = 0;
      for (let m = literal.exec(text); m; m = literal.exec(text)) {
        literalOffsets.push(m.index);
        literalPatternIds.push(literalIds.get(m[0]) ?? []);
      }
      const contextOffsets: number[] = [];
      const contextLengths: number[] = [];
      const words = CONTEXT_WORDS;
      words.lastIndex = 0;
      for (let m = words.exec(text); m; m = words.exec(text)) {
        contextOffsets.push(m.index);
        contextLengths.push(m[0].length);
      }
      const merged = mergeSorted(startOffsets, startIds, literalOffsets, literalPatternIds);
      return { patternOffsets: merged[0], patternIds: merged[1], contextOffsets, contextLengths };
    },
  };
}

/**
 * A regular expression source matching the first `depth` characters of any of the words, shaped
 * as a trie (`g(?:h[pousr]|l(?:pat|dt…))|…`). A word shorter than `depth` ends its branch.
 */
function trie(words: readonly string[], depth: number): string {
  const branches = new Map<string, string[]>();
  for (const word of words) {
    if (word.length === 0 || depth === 0) return '';
    const rest = branches.get(word[0] as string) ?? [];
    rest.push(word.slice(1));
    branches.set(word[0] as string, rest);
  }
  const parts = [...branches].map(([first, rest]) => escapeRegExp(first) + trie(rest, depth - 1));
  return parts.length === 1 ? (parts[0] as string) : `(?:${parts.join('|')})`;
}

function pairKey(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return a < 128 && b < 128 ? a * 128 + b : -1;
}

function matchPrefixes(
  entries: readonly PrefixEntry[],
  text: string,
  at: number,
): readonly number[] | undefined {
  let ids: readonly number[] | undefined;
  for (const entry of entries) {
    if (!text.startsWith(entry.prefix, at)) continue;
    // Usually one prefix matches: share its list; copy only to combine several.
    ids = ids ? [...new Set([...ids, ...entry.ids])] : entry.ids;
  }
  return ids;
}

/** Merges two offset-sorted hit lists (parallel arrays) into one. */
function mergeSorted(
  aOffsets: number[],
  aIds: (readonly number[])[],
  bOffsets: number[],
  bIds: (readonly number[])[],
): [number[], (readonly number[])[]] {
  if (bOffsets.length === 0) return [aOffsets, aIds];
  if (aOffsets.length === 0) return [bOffsets, bIds];
  const offsets: number[] = [];
  const ids: (readonly number[])[] = [];
  let i = 0;
  let j = 0;
  while (i < aOffsets.length || j < bOffsets.length) {
    if (j >= bOffsets.length || (i < aOffsets.length && (aOffsets[i] as number) <= (bOffsets[j] as number))) {
      offsets.push(aOffsets[i] as number);
      ids.push(aIds[i++] as readonly number[]);
    } else {
      offsets.push(bOffsets[j] as number);
      ids.push(bIds[j++] as readonly number[]);
    }
  }
  return [offsets, ids];
}
