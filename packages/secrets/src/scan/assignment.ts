/**
 * Finds `name <operator> value` around a credential word in free text: `.env` lines
 * (`API_KEY=…`), JSON and YAML (`"password": "…"`), URL queries (`?access_token=…`), headers
 * (`Authorization: Bearer …`), code (`apiKey = '…'`, `pm.environment.set('token', '…')`,
 * `headers.add({key: 'Authorization', value: 'Bearer …'})`) and XML (`<password>…</password>`).
 * Linear in the text it looks at: it expands around the word instead of backtracking.
 */

export interface Assignment {
  name: string;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

const NAME_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-')
  NAME_CHAR[c.charCodeAt(0)] = 1;
/** Characters that end an unquoted value (`&` too, in a URL query). */
const TERMINATOR = new Uint8Array(128);
for (const c of ' \t\r\n"\'`,;()[]{}<>\\|') TERMINATOR[c.charCodeAt(0)] = 1;
const AMPERSAND = 38;

/** An authorization scheme before the credential, kept in the value (the evaluator strips it). */
const SCHEME = /(?:Bearer|bearer|BEARER|Basic|basic|Token|token|Bot|Digest|ApiKey|SSWS|OAuth|JWT)[ \t]+/y;
/** `key: 'Authorization', value: '…'` in Postman scripts. */
const VALUE_PROPERTY = /value["']?[ \t]*:[ \t]*/y;
const MAX_QUOTED = 1024;

function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHAR[c] === 1;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

function skipBlanks(text: string, i: number, hi: number): number {
  let at = i;
  while (at < hi && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  return at;
}

/**
 * Reads the assignment around a credential word at `at` (length `length`), looking no further
 * than `[lo, hi)`. Returns undefined when the word is not followed by an operator and a value.
 *
 * @example
 * const text = `export API_TOKEN="${token}"`;
 * findAssignment(text, text.indexOf('TOKEN'), 5, 0, text.length);
 * // { name: 'API_TOKEN', valueStart: 18, valueEnd: 18 + token.length, … }
 */
export function findAssignment(
  text: string,
  at: number,
  length: number,
  lo: number,
  hi: number,
): Assignment | undefined {
  let nameStart = at;
  while (nameStart > lo && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let nameEnd = at + length;
  while (nameEnd < hi && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  let i = nameEnd;
  // The name's closing quote (possibly escaped, in a JSON string inside a script), and `]`.
  if (text.charCodeAt(i) === 92 && isQuote(text.charCodeAt(i + 1))) i += 2;
  else if (isQuote(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 93) i++;
  i = skipBlanks(text, i, hi);

  const op = readOperator(text, i, nameStart);
  if (!op) return undefined;
  i = skipBlanks(text, i + op.length, hi);
  if (op === ',') {
    VALUE_PROPERTY.lastIndex = i;
    if (VALUE_PROPERTY.test(text)) i = VALUE_PROPERTY.lastIndex;
  }

  let quote = 0;
  let escapedQuote = false;
  if (text.charCodeAt(i) === 92 && isQuote(text.charCodeAt(i + 1))) {
    quote = text.charCodeAt(i + 1);
    escapedQuote = true;
    i += 2;
  } else if (isQuote(text.charCodeAt(i))) {
    quote = text.charCodeAt(i);
    i++;
  }
  if ((op === ',' || op === '(') && quote === 0) return undefined;

  const valueStart = i;
  const before = text.charCodeAt(nameStart - 1);
  const inQuery = before === 63 || before === AMPERSAND; // ?name= or &name=
  const valueEnd = quote ? quotedEnd(text, i, hi, quote, escapedQuote) : unquotedEnd(text, i, hi, inQuery);
  if (valueEnd === undefined || valueEnd <= valueStart) return undefined;
  // `<password>…</password>`, not `<password>@host` (a placeholder in a URL).
  if (op === '>' && !text.startsWith('</', valueEnd)) return undefined;
  return { name: text.slice(nameStart, nameEnd), nameStart, nameEnd, valueStart, valueEnd };
}

function readOperator(text: string, i: number, nameStart: number): string | undefined {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 58) return next === 61 ? ':=' : ':'; // : or :=
  if (c === 61) {
    if (next === 62) return '=>';
    return next === 61 ? undefined : '='; // not ==
  }
  if (c === 44) return ','; // set('token', '…')
  if (c === 40) return '('; // setPassword('…')
  if (c === 62 && text.charCodeAt(nameStart - 1) === 60) return '>'; // <password>…</password>
  return undefined;
}

function quotedEnd(
  text: string,
  from: number,
  hi: number,
  quote: number,
  escaped: boolean,
): number | undefined {
  const limit = Math.min(hi, from + MAX_QUOTED);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return undefined;
    if (escaped) {
      if (c === 92 && text.charCodeAt(i + 1) === quote) return i;
    } else if (c === quote) {
      return i;
    } else if (c === 92) {
      i++;
    }
  }
  return undefined;
}

function unquotedEnd(text: string, from: number, hi: number, inQuery: boolean): number {
  let i = from;
  SCHEME.lastIndex = i;
  if (SCHEME.test(text)) i = SCHEME.lastIndex;
  const limit = Math.min(hi, from + MAX_QUOTED);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if ((c < 128 && TERMINATOR[c] === 1) || (inQuery && c === AMPERSAND)) break;
    i++;
  }
  return i;
}
