/**
 * Splits a URL string into parts the way Postman's URL parser does. It is deliberately lenient:
 * any string yields parts (a missing protocol, `{{unresolved}}` variables, odd ports are all kept),
 * because Postman sends whatever the user typed after encoding it.
 */

export interface ParsedUrl {
  protocol?: string;
  /** `[user]` or `[user, password]`. */
  auth?: string[];
  /** Host labels (split on `.`). */
  host?: string[];
  port?: string;
  /** Path segments without the leading slash (`/a/b` → `['a', 'b']`). */
  path?: string[];
  /** The query string after `?`, verbatim (may be ''). */
  query?: string;
  hash?: string;
}

/** `{{…}}` references containing URL delimiters; they must not split the URL. */
const DELIMITED_VARIABLE = /{{[^{}]*[.:/?#@&\]][^{}]*}}/g;
/** Placeholders for masked variables: private-use code points. */
const MASK_BASE = 0xe000;
const MASK_LAST = 0xf8ff;
const MASK_CHARS = /[\ue000-\uf8ff]/g;

interface Masked {
  text: string;
  variables: string[];
}

function maskVariables(url: string): Masked {
  if (!url.includes('{{')) return { text: url, variables: [] };
  const variables: string[] = [];
  const text = url.replace(DELIMITED_VARIABLE, (variable) => {
    if (MASK_BASE + variables.length > MASK_LAST) return variable;
    variables.push(variable);
    return String.fromCharCode(MASK_BASE + variables.length - 1);
  });
  return { text, variables };
}

function unmask(part: string, variables: string[]): string {
  if (variables.length === 0) return part;
  return part.replace(MASK_CHARS, (ch) => variables[ch.charCodeAt(0) - MASK_BASE] ?? ch);
}

/**
 * Parses a URL string into its parts.
 *
 * @example
 * parseUrl('https://u:p@api.example.com:8443/v1/items?q=1#top')
 * // { protocol: 'https', auth: ['u', 'p'], host: ['api', 'example', 'com'], port: '8443',
 * //   path: ['v1', 'items'], query: 'q=1', hash: 'top' }
 */
export function parseUrl(input: string): ParsedUrl {
  const parsed: ParsedUrl = {};
  const trimmed = input.trimStart();
  if (!trimmed) return parsed;

  const { text, variables } = maskVariables(trimmed);
  let rest = text;
  let index = rest.indexOf('#');
  if (index !== -1) {
    parsed.hash = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  index = rest.indexOf('?');
  if (index !== -1) {
    parsed.query = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  rest = rest.replace(/\\/g, '/');
  index = rest.indexOf('://');
  if (index !== -1) {
    parsed.protocol = rest.slice(0, index);
    rest = rest.slice(index + 3);
    // `http:///host` → host; `file:////path` → `/path`
    rest = rest.replace(/^\/+/, parsed.protocol.toLowerCase() === 'file' ? '/' : '');
  }
  index = rest.indexOf('/');
  if (index !== -1) {
    parsed.path = rest.slice(index + 1).split('/');
    rest = rest.slice(0, index);
  }
  index = rest.lastIndexOf('@');
  if (index !== -1) {
    const auth = rest.slice(0, index);
    const colon = auth.indexOf(':');
    parsed.auth = colon === -1 ? [auth] : [auth.slice(0, colon), auth.slice(colon + 1)];
    rest = rest.slice(index + 1);
  }
  index = rest.lastIndexOf(':');
  if (index !== -1 && !rest.slice(index + 1).includes(']')) {
    parsed.port = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  if (rest) parsed.host = rest.split('.');

  if (variables.length > 0) restoreVariables(parsed, variables);
  return parsed;
}

function restoreVariables(parsed: ParsedUrl, variables: string[]): void {
  const one = (part: string | undefined) => (part === undefined ? part : unmask(part, variables));
  const all = (parts: string[] | undefined) => parts?.map((part) => unmask(part, variables));
  parsed.protocol = one(parsed.protocol);
  parsed.auth = all(parsed.auth);
  parsed.host = all(parsed.host);
  parsed.port = one(parsed.port);
  parsed.path = all(parsed.path);
  parsed.query = one(parsed.query);
  parsed.hash = one(parsed.hash);
  for (const key of Object.keys(parsed) as Array<keyof ParsedUrl>) {
    if (parsed[key] === undefined) delete parsed[key];
  }
}
