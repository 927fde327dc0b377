/**
 * `pm.response.json()` parsing as Postman does it: a leading BOM is dropped, `JSON.parse` does the
 * work, and only when it fails a strict JSON scanner runs to produce Postman's descriptive message
 * (`Unexpected token 'a' at 1:1\nabc\n^`) on an error named `JSONError`.
 */

/** An error named `JSONError` (chai-postman's `.json` assertion looks for that name). */
export function jsonError(message: string): Error {
  const error = new SyntaxError(message);
  error.name = 'JSONError';
  return error;
}

/** Drops a byte order mark the way Postman's parser recognises one (UTF-8/16 as text or as bytes). */
function stripBom(text: string): string {
  const c0 = text.charCodeAt(0);
  const c1 = text.charCodeAt(1);
  if (c0 === 0xfeff || c0 === 0xbbbf) return text.slice(1);
  if ((c0 === 0xfe && c1 === 0xff) || (c0 === 0xff && c1 === 0xfe)) return text.slice(2);
  if (c0 === 0xef && c1 === 0xbb && text.charCodeAt(2) === 0xbf) return text.slice(3);
  return text;
}

/**
 * Parses JSON text like Postman's `Response#json`.
 * @example parseJson('\ufeff{"a":1}') // { a: 1 }
 * @throws JSONError with Postman's message when the text is not JSON
 */
export function parseJson(text: string, reviver?: (key: string, value: unknown) => unknown): unknown {
  const source = stripBom(text);
  try {
    return JSON.parse(source, reviver);
  } catch (err) {
    const message = describeJsonError(source);
    if (message !== undefined) throw jsonError(message);
    const fallback = jsonError(err instanceof Error ? err.message : String(err));
    throw fallback;
  }
}

const isLineTerminator = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isWhiteSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const JSON_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?(e[+-]?[0-9]+)?$/i;

class ScanFailure {
  constructor(readonly message: string) {}
}

/** Formats `msg at line:col` plus the source line and a caret, as Postman's parser does. */
function formatError(input: string, msg: string, position: number, lineno: number, column: number): string {
  let tmppos = position - column - 1;
  let srcline = '';
  let underline = '';
  if (tmppos < position - 70) tmppos = position - 70;
  for (;;) {
    const chr = input[++tmppos];
    if (isLineTerminator(chr) || tmppos === input.length) {
      if (position >= tmppos) underline += '^';
      break;
    }
    srcline += chr;
    if (position === tmppos) underline += '^';
    else if (position > tmppos) underline += input[tmppos] === '\t' ? '\t' : ' ';
    if (srcline.length > 78) break;
  }
  return `${msg} at ${lineno + 1}:${column + 1}\n${srcline}\n${underline}`;
}

/**
 * Scans invalid JSON and returns the message of the first error found, or undefined when the
 * scanner accepts the text (then the caller reports `JSON.parse`'s own message).
 */
export function describeJsonError(input: string): string | undefined {
  const length = input.length;
  let position = 0;
  let lineno = 0;
  let linestart = 0;

  const fail = (msg?: string): never => {
    let text = msg;
    if (text === undefined) {
      if (position < length) {
        const token = JSON.stringify(input[position])
          .replace(/^"|"$/g, '')
          .replace(/'/g, "\\'")
          .replace(/\\"/g, '"');
        text = `Unexpected token '${token}'`;
      } else text = 'Unexpected end of input';
    }
    throw new ScanFailure(formatError(input, text, position, lineno, position - linestart));
  };

  const newline = (chr: string): void => {
    if (chr === '\r' && input[position] === '\n') position++;
    linestart = position;
    lineno++;
  };

  const skipWhiteSpace = (): void => {
    while (position < length) {
      const chr = input[position++]!;
      if (isLineTerminator(chr)) newline(chr);
      else if (!isWhiteSpace(chr)) {
        position--;
        break;
      }
    }
  };

  const parseKeyword = (keyword: string): void => {
    const start = position;
    for (let i = 1; i < keyword.length; i++) {
      if (position >= length || keyword[i] !== input[position]) {
        position = start - 1;
        fail();
      }
      position++;
    }
  };

  const parseString = (): string => {
    let result = '';
    while (position < length) {
      const chr = input[position++]!;
      if (chr === '"') return result;
      if (chr === '\\') {
        if (position >= length) fail();
        const esc = input[position++]!;
        if (JSON_ESCAPES.has(esc)) result += esc;
        else if (esc === 'u') {
          for (let i = 0; i < 4; i++) {
            if (position >= length) fail();
            if (!isHex(input[position])) fail('Bad escape sequence');
            position++;
          }
          result += '?';
        } else {
          position--;
          fail();
        }
      } else if (isLineTerminator(chr)) {
        fail();
      } else {
        if (chr.charCodeAt(0) < 32) {
          position--;
          fail('Unexpected control character');
        }
        result += chr;
      }
    }
    return fail();
  };

  const parseNumber = (): number => {
    position--;
    const start = position;
    let chr = input[position++];
    const toNumber = (): number => {
      const str = input.substr(start, position - start);
      const result = Number(str);
      if (Number.isNaN(result)) {
        position--;
        fail(`Bad numeric literal - "${input.substr(start, position - start + 1)}"`);
      } else if (!JSON_NUMBER.test(str)) {
        position--;
        fail(`Non-json numeric literal - "${input.substr(start, position - start + 1)}"`);
      }
      return result;
    };
    if (chr === '-') chr = input[position++];
    if (chr !== undefined && chr >= '1' && chr <= '9') {
      while (position < length && isDigit(input[position])) position++;
      chr = input[position++];
    }
    if (chr === '0') chr = input[position++];
    if (chr === '.') {
      while (position < length && isDigit(input[position])) position++;
      chr = input[position++];
    }
    if (chr === 'e' || chr === 'E') {
      chr = input[position++];
      if (chr === '-' || chr === '+') position++;
      while (position < length && isDigit(input[position])) position++;
      chr = input[position++];
    }
    position--;
    return toNumber();
  };

  // `undefined` means "no value here" (the caller decides whether that is an error).
  const parseGeneric = (): unknown => {
    if (position >= length) return undefined;
    const chr = input[position++]!;
    if (chr === '"') return parseString();
    if (chr === '{') return parseObject();
    if (chr === '[') return parseArray();
    if (chr === '-' || chr === '.' || isDigit(chr)) return parseNumber();
    if (chr === 'n') {
      parseKeyword('null');
      return null;
    }
    if (chr === 't') {
      parseKeyword('true');
      return true;
    }
    if (chr === 'f') {
      parseKeyword('false');
      return false;
    }
    position--;
    return undefined;
  };

  const parseKey = (): unknown => {
    if (position >= length) return undefined;
    const chr = input[position++]!;
    if (chr === '"') return parseString();
    if (chr === '{') return parseObject();
    if (chr === '[') return parseArray();
    if (chr === '.' || isDigit(chr)) return parseNumber();
    position--;
    return undefined;
  };

  const parseObject = (): object => {
    let nonEmpty = false;
    while (position < length) {
      skipWhiteSpace();
      const key = parseKey();
      skipWhiteSpace();
      let chr = input[position++];
      if (chr === '}' && key === undefined) {
        if (nonEmpty) {
          position--;
          fail('Trailing comma in object');
        }
        return {};
      }
      if (chr === ':' && key !== undefined) {
        skipWhiteSpace();
        const value = parseGeneric();
        if (value === undefined) fail(`No value found for key ${String(key)}`);
        if (typeof key !== 'string') fail(`Wrong key type: ${String(key)}`);
        nonEmpty = true;
        skipWhiteSpace();
        chr = input[position++];
        if (chr === ',') continue;
        if (chr === '}') return {};
        fail();
      } else {
        position--;
        fail();
      }
    }
    return fail();
  };

  const parseArray = (): unknown[] => {
    let count = 0;
    while (position < length) {
      skipWhiteSpace();
      const item = parseGeneric();
      skipWhiteSpace();
      const chr = input[position++];
      if (item !== undefined) count++;
      if (chr === ',') {
        if (item === undefined) fail('Elisions are not supported');
      } else if (chr === ']') {
        if (item === undefined && count) {
          position--;
          fail('Trailing comma in array');
        }
        return [];
      } else {
        position--;
        fail();
      }
    }
    return fail();
  };

  try {
    skipWhiteSpace();
    const value = parseGeneric();
    if (value !== undefined || position < length) {
      skipWhiteSpace();
      if (position >= length) return undefined;
      fail();
    }
    fail(position ? 'No data, only a whitespace' : 'No data, empty input');
  } catch (err) {
    if (err instanceof ScanFailure) return err.message;
    return undefined; // e.g. too deep for the recursive scanner: use JSON.parse's message
  }
  return undefined;
}
