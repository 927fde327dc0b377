/**
 * A small JSON tokenizer that walks a document once, keeps a stack of containers (for JSON paths
 * and Postman's `{key, value}` pairs) and reports the offsets of string values instead of
 * building objects: the scanner maps each finding to its path and line without re-parsing.
 * Strings are skipped with `indexOf`, so the walk costs little more than reading the text.
 */

/** A container on the stack. Frames are reused between siblings: do not keep references. */
export interface JsonFrame {
  isArray: boolean;
  /** The current property name (objects). */
  key: string;
  /** The current element index (arrays). */
  index: number;
  /** The name this container sits under: its property name, or its array's name. */
  name: string | undefined;
  /** Postman pairs: the string value of this object's `key` property, and of `type`. */
  pairKey: string | undefined;
  pairType: string | undefined;
  /** Values waiting for the object's end, when their sibling `key` is known (visitor-owned). */
  pending: unknown[];
}

export interface JsonVisitor {
  /** A string value; its content is `text.slice(start, end)`, JSON-escaped when `escaped`. */
  value(start: number, end: number, escaped: boolean, frames: readonly JsonFrame[], depth: number): void;
  /** A property name (offsets as for values). */
  key(start: number, end: number, escaped: boolean, frames: readonly JsonFrame[], depth: number): void;
  /** An object is about to close; `frames[depth]` is it. */
  objectEnd(frames: readonly JsonFrame[], depth: number): void;
}

/** Parser states. */
const VALUE = 0;
const AFTER_VALUE = 1;
const OBJECT_START = 2;
const KEY = 3;
const ARRAY_START = 4;

/**
 * Walks a JSON document, calling the visitor for strings and object ends. Returns false (having
 * possibly called the visitor for a prefix) when the text is not valid JSON.
 *
 * @example
 * walkJson('{"a":["x"]}', visitor); // visitor.value(7, 8, false, frames, 1) for "x"
 */
export function walkJson(text: string, visitor: JsonVisitor): boolean {
  const n = text.length;
  const frames: JsonFrame[] = [];
  let depth = -1;
  // A byte-order mark is not JSON whitespace, but editors write one.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nextBackslash = -1;
  let stringEscaped = false;

  /** Index of the quote that closes the string whose content starts at `from`, or -1. */
  const closeString = (from: number): number => {
    stringEscaped = false;
    let at = from;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote < 0) return -1;
      if (nextBackslash < at) {
        nextBackslash = text.indexOf('\\', at);
        if (nextBackslash < 0) nextBackslash = n;
      }
      if (nextBackslash > quote) return quote;
      stringEscaped = true;
      at = nextBackslash + 2;
      nextBackslash = -1;
    }
  };

  const push = (isArray: boolean): void => {
    const parent = depth >= 0 ? frames[depth] : undefined;
    const name = parent ? (parent.isArray ? parent.name : parent.key) : undefined;
    depth++;
    let frame = frames[depth];
    if (!frame) {
      frame = { isArray, key: '', index: 0, name, pairKey: undefined, pairType: undefined, pending: [] };
      frames.push(frame);
    } else {
      frame.isArray = isArray;
      frame.key = '';
      frame.index = 0;
      frame.name = name;
      frame.pairKey = undefined;
      frame.pairType = undefined;
      if (frame.pending.length > 0) frame.pending = [];
    }
  };

  let state = VALUE;
  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    switch (state) {
      case VALUE: {
        if (c === 34) {
          const end = closeString(i + 1);
          if (end < 0) return false;
          visitor.value(i + 1, end, stringEscaped, frames, depth);
          i = end + 1;
          state = AFTER_VALUE;
        } else if (c === 123) {
          push(false);
          i++;
          state = OBJECT_START;
        } else if (c === 91) {
          push(true);
          i++;
          state = ARRAY_START;
        } else {
          const end = skipLiteral(text, i, c);
          if (end < 0) return false;
          i = end;
          state = AFTER_VALUE;
        }
        break;
      }
      case OBJECT_START:
        if (c === 125) {
          visitor.objectEnd(frames, depth);
          depth--;
          i++;
          state = AFTER_VALUE;
        } else {
          state = KEY;
        }
        break;
      case ARRAY_START:
        if (c === 93) {
          depth--;
          i++;
          state = AFTER_VALUE;
        } else {
          state = VALUE;
        }
        break;
      case KEY: {
        if (c !== 34) return false;
        const end = closeString(i + 1);
        if (end < 0) return false;
        const frame = frames[depth] as JsonFrame;
        frame.key = stringEscaped ? decodeJsonString(text, i + 1, end) : text.slice(i + 1, end);
        visitor.key(i + 1, end, stringEscaped, frames, depth);
        i = end + 1;
        c = text.charCodeAt(i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
        if (c !== 58) return false;
        i++;
        state = VALUE;
        break;
      }
      case AFTER_VALUE: {
        if (depth < 0) return i >= n;
        const frame = frames[depth] as JsonFrame;
        if (c === 44) {
          i++;
          if (frame.isArray) {
            frame.index++;
            state = VALUE;
          } else {
            state = KEY;
          }
        } else if (c === (frame.isArray ? 93 : 125)) {
          if (!frame.isArray) visitor.objectEnd(frames, depth);
          depth--;
          i++;
        } else {
          return false;
        }
        break;
      }
    }
  }
}

/** Skips a number, `true`, `false` or `null`; returns the index after it, or -1. */
function skipLiteral(text: string, from: number, first: number): number {
  if (first === 116) return text.startsWith('true', from) ? from + 4 : -1;
  if (first === 102) return text.startsWith('false', from) ? from + 5 : -1;
  if (first === 110) return text.startsWith('null', from) ? from + 4 : -1;
  if (first !== 45 && (first < 48 || first > 57)) return -1;
  let i = from + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45) i++;
    else return i;
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Decodes the content of a JSON string (`text.slice(start, end)`, without quotes).
 *
 * @example
 * decodeJsonString('"a\\nb"', 1, 5); // 'a\nb'
 */
export function decodeJsonString(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let i = text.indexOf('\\', start); i >= 0 && i < end; i = text.indexOf('\\', from)) {
    out += text.slice(from, i);
    const e = text[i + 1] as string;
    if (e === 'u') {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16) || 0);
      from = i + 6;
    } else {
      out += ESCAPES[e] ?? e;
      from = i + 2;
    }
  }
  return out + text.slice(from, end);
}

/**
 * Maps an offset in a decoded JSON string back to the offset in the raw text.
 *
 * @example
 * rawOffset('"a\\nb"', 1, 5, 2); // 4 (the "b")
 */
export function rawOffset(text: string, start: number, end: number, decodedOffset: number): number {
  let raw = start;
  let decoded = 0;
  while (raw < end && decoded < decodedOffset) {
    if (text.charCodeAt(raw) === 92) raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw++;
    decoded++;
  }
  return raw;
}
