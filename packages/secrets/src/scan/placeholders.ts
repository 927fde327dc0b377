/**
 * Values that stand in for a secret without being one: template variables (`{{token}}`,
 * `${API_KEY}`, `<your-key>`), masks (`xxxx`, `****`), words people type in examples
 * (`your_api_key_here`, `changeme`) and keys that providers publish in their documentation (AWS's
 * `…EXAMPLE` keys). None of them is a finding.
 */

const TEMPLATE =
  /\{\{[^{}]*\}\}|\$\{[^{}]*\}|<[^<>\s]{0,80}>|<%[^%]*%>|%[A-Za-z_][A-Za-z0-9_]*%|\[\[[^\]]*\]\]/;
const ENV_REFERENCE = /^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\(/;
/** The start of a template cut short (`{{token` before a `}` ended the value). */
const TEMPLATE_START = /^(?:\{\{|\$\{|<[A-Za-z_])/;
/** Masking characters repeated, or any character repeated a long way. */
const MASK = /x{4}|X{4}|[*•#.]{3}|[-_]{4}|(.)\1{5}/;
/** Keyboard runs and counting sequences. */
const SEQUENCE = /0123456|123456|abcdef|ABCDEF|qwerty|QWERTY|asdfgh/;
/**
 * Words of example text, matched case-insensitively. Long words anywhere; short ones only as whole
 * words (`your_api_key_here`), since a random token contains a four-letter word now and then.
 */
const EXAMPLE_WORDS =
  /example|sample|placeholder|redacted|change[-_]?me|replace|insert|lorem|ipsum|foobar|notreal|not[-_]?a[-_]?real|masked|hidden|removed|omitted|invalid/i;
const SHORT_EXAMPLE_WORDS = /(?<![a-z0-9])(?:your|here|todo|fixme|fake|mock|dummy)(?![a-z0-9])/i;
/** Whole values that are words, not secrets (compared lower-cased). */
const PLACEHOLDER_VALUES = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'test',
  'testing',
  'admin',
  'root',
  'null',
  'undefined',
  'none',
  'nil',
  'true',
  'false',
  'string',
  'value',
  'bearer',
  'basic',
  'changeit',
  'letmein',
  'default',
  'guest',
  'user',
  'username',
  'pass',
  'passwd',
  'postgres',
  'mysql',
  'redis',
  'mongo',
  'rabbitmq',
  'foobared',
  'secret123',
  'password123',
  'password1',
  'admin123',
  'welcome1',
]);

/**
 * True when a value is a template, a mask or an example rather than a secret.
 *
 * @example
 * isPlaceholder('{{api_key}}'); // true
 * isPlaceholder('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'); // true
 * isPlaceholder(randomBase62(16)); // false
 */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (PLACEHOLDER_VALUES.has(value.toLowerCase())) return true;
  if (TEMPLATE.test(value) || ENV_REFERENCE.test(value) || TEMPLATE_START.test(value)) return true;
  if (
    MASK.test(value) ||
    SEQUENCE.test(value) ||
    EXAMPLE_WORDS.test(value) ||
    SHORT_EXAMPLE_WORDS.test(value)
  ) {
    return true;
  }
  return distinctCharacters(value, 4) < 4 && value.length >= 6;
}

/** Counts distinct characters, stopping once `enough` are seen. */
function distinctCharacters(value: string, enough: number): number {
  const seen = new Set<string>();
  for (const c of value) {
    seen.add(c);
    if (seen.size >= enough) break;
  }
  return seen.size;
}

/**
 * True when a password-like value is too weak or generic to be a real credential worth
 * reporting in a connection string: a placeholder, the user name again, or a dictionary default.
 *
 * @example
 * isPlaceholderPassword('guest', 'guest'); // true
 */
export function isPlaceholderPassword(password: string, user = ''): boolean {
  if (password.length < 6) return true;
  if (password.toLowerCase() === user.toLowerCase()) return true;
  if (/pass(?:word|wd)?|secret|pwd/i.test(password)) return true;
  return isPlaceholder(password);
}
