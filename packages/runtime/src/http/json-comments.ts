/**
 * Removes `// line` and `/* block *\/` comments from a JSON text, leaving strings untouched, with
 * the same results as the `strip-json-comments@3` call postman-runtime makes (`whitespace: false`):
 * comments vanish, the newline ending a line comment stays (a `\r` before it goes with the comment),
 * and an unterminated comment runs to the end of the text.
 *
 * @example
 * stripJsonComments('{"a": 1 // one\n}') // '{"a": 1 \n}'
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let copyFrom = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && !isEscapedQuote(text, i)) {
      i = endOfString(text, i + 1);
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      out += text.slice(copyFrom, i);
      const newline = text.indexOf('\n', i + 2);
      if (newline === -1) return out;
      // A `\r\n` ending is consumed up to the `\n`, so the `\r` is dropped with the comment.
      copyFrom = newline;
      i = newline;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      out += text.slice(copyFrom, i);
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return out;
      copyFrom = close + 2;
      i = close + 2;
      continue;
    }
    i++;
  }
  return out + text.slice(copyFrom);
}

/** A quote preceded by an odd number of backslashes does not open or close a string. */
function isEscapedQuote(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 1;
}

/** Index just after the closing quote of a string starting at `from` (or the text's end). */
function endOfString(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '"' && !isEscapedQuote(text, j)) return j + 1;
  }
  return text.length;
}
