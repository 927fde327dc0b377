/**
 * Scans a JSON document (Postman collection, environment, or any JSON): every string value is
 * searched by the rules the prefilter selected for it, and values under credential names are
 * judged by the context rules. Postman's `{key, value}` pairs (headers, query parameters,
 * variables, environment values, auth blocks) take their name from the sibling `key`, so their
 * values are judged when the object closes.
 */
import { type CredentialClass, credentialClass } from './credential-names.ts';
import { evaluateCredential } from './evaluate.ts';
import type { Located } from './finding.ts';
import { memberPath, propertyPath } from './json-path.ts';
import { decodeJsonString, type JsonFrame, type JsonVisitor, rawOffset, walkJson } from './json-walk.ts';
import type { Hits, Prefilter } from './prefilter.ts';
import {
  type Candidate,
  contextCandidate,
  matchContext,
  matchPatterns,
  type Region,
  resolveOverlaps,
  type Span,
} from './region-scan.ts';

/** Where a string is, for its JSON path: the current member, or a named property, of `frames[depth]`. */
interface Where {
  frames: readonly JsonFrame[];
  depth: number;
  property?: string;
  inKey?: boolean;
}

/** A string and the range of prefilter hits inside it. */
interface StringToken {
  start: number;
  end: number;
  escaped: boolean;
  patternFrom: number;
  patternTo: number;
  contextFrom: number;
  contextTo: number;
}

/**
 * Scans JSON text; returns undefined when the text is not valid JSON (scan it as text instead).
 *
 * @example
 * scanJson('{"values":[{"key":"token","value":"…"}]}', prefilter); // [{ jsonPath: 'values[0].value', … }]
 */
export function scanJson(text: string, prefilter: Prefilter): Located[] | undefined {
  const scanner = new JsonScanner(text, prefilter);
  return walkJson(text, scanner) ? scanner.located : undefined;
}

class JsonScanner implements JsonVisitor {
  readonly located: Located[] = [];
  private readonly hits: Hits;
  private patternFrom = 0;
  private patternTo = 0;
  private contextFrom = 0;
  private contextTo = 0;

  constructor(
    private readonly text: string,
    private readonly prefilter: Prefilter,
  ) {
    this.hits = prefilter.find(text);
  }

  key(start: number, end: number, escaped: boolean, frames: readonly JsonFrame[], depth: number): void {
    this.advance(start, end);
    // Property names only matter if a provider's token is one (rare, but then the path must not show it).
    if (this.patternFrom < this.patternTo) {
      const token = this.token(start, end, escaped);
      this.scan({ ...token, contextFrom: token.contextTo }, '', undefined, { frames, depth, inKey: true });
    }
  }

  value(start: number, end: number, escaped: boolean, frames: readonly JsonFrame[], depth: number): void {
    this.advance(start, end);
    const frame = frames[depth] as JsonFrame;
    let name: string;
    if (frame.isArray) {
      name = frame.name ?? '';
    } else {
      name = frame.key;
      if (name === 'value') {
        frame.pending.push(this.token(start, end, escaped));
        return;
      }
      if (name === 'key') frame.pairKey = this.decode(start, end, escaped);
      else if (name === 'type') frame.pairType = this.decode(start, end, escaped);
    }
    // Most strings have no hit and no credential name: nothing to allocate for them.
    const hasHits = this.patternFrom < this.patternTo || this.contextFrom < this.contextTo;
    if (!hasHits && !(name && credentialClass(name))) return;
    this.scan(this.token(start, end, escaped), name, undefined, { frames, depth });
  }

  objectEnd(frames: readonly JsonFrame[], depth: number): void {
    const frame = frames[depth] as JsonFrame;
    if (frame.pending.length === 0) return;
    const name = frame.pairKey ?? 'value';
    const kind = pairClass(frame);
    for (const token of frame.pending as StringToken[]) {
      this.scan(token, name, kind, { frames, depth, property: 'value' });
    }
  }

  /** Moves the hit cursors to the string `[start, end)`; its hits are `[from, to)` of each list. */
  private advance(start: number, end: number): void {
    const { patternOffsets, contextOffsets } = this.hits;
    let p = this.patternTo;
    while (p < patternOffsets.length && (patternOffsets[p] as number) < start) p++;
    this.patternFrom = p;
    while (p < patternOffsets.length && (patternOffsets[p] as number) < end) p++;
    this.patternTo = p;
    let q = this.contextTo;
    while (q < contextOffsets.length && (contextOffsets[q] as number) < start) q++;
    this.contextFrom = q;
    while (q < contextOffsets.length && (contextOffsets[q] as number) < end) q++;
    this.contextTo = q;
  }

  private token(start: number, end: number, escaped: boolean): StringToken {
    const { patternFrom, patternTo, contextFrom, contextTo } = this;
    return { start, end, escaped, patternFrom, patternTo, contextFrom, contextTo };
  }

  private decode(start: number, end: number, escaped: boolean): string {
    return escaped ? decodeJsonString(this.text, start, end) : this.text.slice(start, end);
  }

  private scan(token: StringToken, name: string, kind: CredentialClass | undefined, where: Where): void {
    const cls = kind ?? (name ? credentialClass(name) : undefined);
    const hasHits = token.patternFrom < token.patternTo || token.contextFrom < token.contextTo;
    if (!hasHits && !cls) return;
    const found: Candidate[] = [];
    const rejected: Span[] = [];
    const region = this.region(token);
    if (hasHits) {
      if (token.escaped) {
        // Offsets in the decoded string differ from the raw text: find the hits again there.
        const local = this.prefilter.find(region.text);
        matchPatterns(region, local.patternOffsets, local.patternIds, found, rejected);
        matchContext(region, local.contextOffsets, local.contextLengths, found);
      } else {
        const { patternOffsets, patternIds, contextOffsets, contextLengths } = this.hits;
        matchPatterns(
          region,
          patternOffsets.slice(token.patternFrom, token.patternTo),
          patternIds.slice(token.patternFrom, token.patternTo),
          found,
          rejected,
        );
        matchContext(
          region,
          contextOffsets.slice(token.contextFrom, token.contextTo),
          contextLengths.slice(token.contextFrom, token.contextTo),
          found,
        );
      }
    }
    if (cls) {
      const match = evaluateCredential(name, region.text.slice(region.start, region.end), cls);
      if (match) found.push(contextCandidate(match.rule, region.start + match.offset, match.secret));
    }
    const kept = resolveOverlaps(found, rejected);
    if (kept.length === 0) return;
    const jsonPath = where.property
      ? propertyPath(where.frames, where.depth, where.property)
      : memberPath(where.frames, where.depth);
    const inKey = where.inKey === true;
    for (const candidate of kept) {
      const offset = token.escaped
        ? rawOffset(this.text, token.start, token.end, candidate.start)
        : candidate.start;
      this.located.push({ rule: candidate.rule, offset, secret: candidate.secret, jsonPath, inKey });
    }
  }

  private region(token: StringToken): Region {
    if (!token.escaped) return { text: this.text, start: token.start, end: token.end, lines: false };
    const decoded = decodeJsonString(this.text, token.start, token.end);
    return { text: decoded, start: 0, end: decoded.length, lines: false };
  }
}

/**
 * The credential class of a Postman pair's `value`: from its `key` (`Authorization`, `api_key`),
 * from `type: "secret"` (environments), or `apikey` auth's `{key: "value", value: …}` entry.
 */
function pairClass(frame: JsonFrame): CredentialClass | undefined {
  if (frame.pairKey !== undefined) {
    const byName = credentialClass(frame.pairKey);
    if (byName) return byName;
  }
  if (frame.pairType === 'secret') return 'secret';
  if (frame.name === 'apikey' && (frame.pairKey === 'value' || frame.pairKey === undefined)) return 'api-key';
  return undefined;
}
