import type { HeaderDefinition } from './model.ts';

/** A header line: a name without whitespace, a colon, the rest (Postman's `Header.parse` rule). */
const HEADER_LINE = /^(\S+):(.*)$/gm;
/** Continuation lines (obsolete line folding) join the previous line. */
const FOLDED_LINE = /\r\n([ \t])/g;

/**
 * Parses a header block (`"Name: value\nOther: value"`) as found in v1 and hand-written v2
 * collections. Lines without a colon are ignored; values are trimmed.
 *
 * @example parseHeaderString('Accept: *\/*\nX-Id: 7') // [{ key: 'Accept', value: '*\/*' }, { key: 'X-Id', value: '7' }]
 */
export function parseHeaderString(block: string): HeaderDefinition[] {
  const headers: HeaderDefinition[] = [];
  const unfolded = block.replace(FOLDED_LINE, '$1');
  for (const match of unfolded.matchAll(HEADER_LINE)) {
    headers.push({ key: match[1] ?? '', value: (match[2] ?? '').trim() });
  }
  return headers;
}
