/**
 * JSON.parse with an error that says where: V8's messages give a position only for some errors (and
 * quote the whole document for others), so on failure a small scanner finds the first error itself.
 * The scanner runs only on the failure path; valid files cost one JSON.parse.
 */
import { CliError } from '../errors.ts';

export interface JsonSyntaxProblem {
  /** Offset (in UTF-16 code units) of the first invalid character. */
  offset: number;
  line: number;
  column: number;
  problem: string;
}

/**
 * Parses a JSON document, or throws `CliError('INVALID_JSON')` naming the file, line and column.
 *
 * @example
 * parseJsonDocument('{"a": }', { what: 'environment', location: 'env.json' });
 * // throws: environment is not valid JSON: unexpected '}' at line 1, column 7 (env.json)
 */
export function parseJsonDocument(text: string, source: { what: string; location: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = locateSafely(text);
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError('INVALID_JSON', {
      ...source,
      problem: found?.problem ?? reason,
      line: found?.line ?? 1,
      column: found?.column ?? 1,
    });
  }
}

/** A document nested deeper than the call stack allows is reported without a position. */
function locateSafely(text: string): JsonSyntaxProblem | undefined {
  try {
    return findJsonSyntaxError(text);
  } catch {
    return undefined;
  }
}

class Located extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Finds the first JSON syntax error in a text, or undefined when the text is valid JSON.
 *
 * @example
 * findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}');
 * // { offset: 13, line: 3, column: 3, problem: "expected ',' or '}' after a property value" }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let i = 0;

  const fail = (problem: string): never => {
    throw new Located(i, problem);
  };
  const unexpected = (): never =>
    fail(i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text.charAt(i))}`);
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      i++;
    }
  };

  const scanString = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text.charAt(i + 1);
        if (ESCAPES.has(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character (such as a raw line break) inside a string');
      i++;
    }
  };

  const scanValue = (): void => {
    skipSpace();
    const c = text.charAt(i);
    if (c === '{') scanContainer('}', true);
    else if (c === '[') scanContainer(']', false);
    else if (c === '"') scanString();
    else if (c === '-' || (c >= '0' && c <= '9')) scanNumber();
    else scanLiteral();
  };

  const scanNumber = (): void => {
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) fail('invalid number');
    i = NUMBER.lastIndex;
  };

  const scanLiteral = (): void => {
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
    if (!literal) unexpected();
    else i += literal.length;
  };

  const scanContainer = (close: '}' | ']', isObject: boolean): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    const what = isObject ? 'a property value' : 'an array element';
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text.charAt(i) !== '"') {
          fail(i >= text.length ? 'unexpected end of input' : 'expected a property name in double quotes');
        }
        scanString();
        skipSpace();
        if (text.charAt(i) !== ':') fail("expected ':' after a property name");
        i++;
      }
      scanValue();
      skipSpace();
      const c = text.charAt(i);
      if (c === ',') {
        i++;
        skipSpace();
        if (text.charAt(i) === close) fail(`trailing comma before '${close}'`);
        continue;
      }
      if (c === close) {
        i++;
        return;
      }
      fail(i >= text.length ? 'unexpected end of input' : `expected ',' or '${close}' after ${what}`);
    }
  };

  try {
    scanValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text.charAt(i))} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Located)) throw error;
    return { offset: error.offset, problem: error.problem, ...lineAndColumn(text, error.offset) };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
