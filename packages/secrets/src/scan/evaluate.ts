/**
 * Decides whether a value found under a credential name is a secret, and which rule it falls
 * under: a provider's named rule (`DD_API_KEY` + 32 hex digits), or a generic one when the value
 * looks random enough and is not a placeholder, a reference to a variable, a URL, a number or code.
 */
import { type CredentialClass, credentialClass } from './credential-names.ts';
import { characterClasses, requiredEntropy, shannonEntropy } from './entropy.ts';
import { isPlaceholder, isPlaceholderPassword } from './placeholders.ts';
import { GENERIC_RULES, NAMED_CONTEXT_RULES } from './rules/context.ts';
import type { Rule } from './types.ts';

export interface CredentialMatch {
  rule: Rule;
  /** Where the secret starts inside the value given. */
  offset: number;
  secret: string;
}

const SCHEME = /^(bearer|basic|token|bot|digest|apikey|api-key|sso-key|ssws|oauth|jwt|key)[ \t]+/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const PATH = /^\.{0,2}\//;
const NUMERIC = /^[\d\s.,:+\-/TZ]+$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/;
/** `jsonData.access_token`, `process.env.TOKEN`, `getToken()`, `env['KEY']`. */
const CODE = /^[A-Za-z_$][\w$]*(?:(?:\.|\?\.)[A-Za-z_$][\w$]*|\[[^\]]*\]|\(\))+$/;
/** Letters with `_`, `-`, `.` or `$` at most: `MY_API_TOKEN`, `_authToken`, `some-setting-name`. */
const IDENTIFIER_CHARS = /^[A-Za-z_.$-]+$/;
/** A word or identifier part: `X`, `API`, `Algolia`, `authToken`. */
const WORD = /^(?:[A-Z]*|[A-Za-z][a-z]+(?:[A-Z][a-z]+)*)$/;
/** Regular expression sources (`[A-Za-z0-9_-]`, `(?<!…)`) in code. */
const REGEX_SOURCE = /\(\?|A-Z|a-z|0-9/;
/** A short fragment that ends like a prefix (`pat-na1-`, `sk_live_`). */
const FRAGMENT = /^.{0,11}[-_.]$/;

/**
 * Evaluates a value under a credential name. `kind` overrides the class derived from the name
 * (a Postman environment value of type `secret`, an `apikey` auth block's `value`).
 *
 * @example
 * evaluateCredential('Authorization', `Bearer ${token}`);
 * // { rule: authorization-header, offset: 7, secret: token }
 */
export function evaluateCredential(
  name: string,
  value: string,
  kind?: CredentialClass,
): CredentialMatch | undefined {
  const cls = kind ?? credentialClass(name);
  if (!cls) return undefined;
  let start = 0;
  let end = value.length;
  while (start < end && isBlank(value.charCodeAt(start))) start++;
  while (end > start && isBlank(value.charCodeAt(end - 1))) end--;
  let scheme = '';
  const schemeMatch = SCHEME.exec(value.slice(start, end));
  if (schemeMatch) {
    scheme = (schemeMatch[1] as string).toLowerCase();
    start += schemeMatch[0].length;
  }
  const secret = value.slice(start, end);
  if (secret.length === 0 || /\s/.test(secret)) return undefined;

  const compactName = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  for (const named of NAMED_CONTEXT_RULES) {
    if (named.name.test(compactName) && named.value.test(secret)) {
      return isPlaceholder(secret) ? undefined : { rule: named.rule, offset: start, secret };
    }
  }
  if (scheme === 'basic') {
    return isBasicCredential(secret)
      ? { rule: GENERIC_RULES.authorization, offset: start, secret }
      : undefined;
  }
  if (!looksLikeSecret(secret)) return undefined;
  return { rule: GENERIC_RULES[scheme ? 'authorization' : cls], offset: start, secret };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 32) return true;
  return false;
}

/** `Basic base64(user:password)` with a real password. */
function isBasicCredential(encoded: string): boolean {
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0 || hasControlCharacters(decoded)) return false;
  const password = decoded.slice(colon + 1);
  return !isPlaceholderPassword(password, decoded.slice(0, colon));
}

/**
 * True when a value looks like a credential rather than a placeholder, reference, identifier,
 * URL, path, number or date: long enough, mixed characters, high enough entropy.
 *
 * @example
 * looksLikeSecret(randomBase62(20)); // true
 * looksLikeSecret('{{token}}'); // false
 * looksLikeSecret('jsonData.access_token'); // false
 */
export function looksLikeSecret(value: string): boolean {
  const n = value.length;
  if (n < 8 || n > 600 || /\s/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  if (URL_LIKE.test(value) || EMAIL.test(value) || PATH.test(value)) return false;
  if (NUMERIC.test(value) || VERSION.test(value) || CODE.test(value)) return false;
  if (REGEX_SOURCE.test(value) || FRAGMENT.test(value)) return false;
  const c = characterClasses(value);
  const letters = c.lower + c.upper;
  if (letters === 0) return false;
  const entropy = shannonEntropy(value);
  if (c.digit === 0 && IDENTIFIER_CHARS.test(value)) {
    // Letters (and separators) only: identifiers, words, or random mixed case; only the last is a secret.
    if (value.split(/[-_.$]+/).every((part) => WORD.test(part))) return false;
    return n >= 12 && c.upper >= n / 5 && c.lower >= n / 5 && entropy >= 3.3;
  }
  return entropy >= requiredEntropy(n);
}
