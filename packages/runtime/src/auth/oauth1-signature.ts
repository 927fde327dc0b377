/**
 * OAuth 1.0a signature base string and signing (RFC 5849 §3.4), with the quirks of the
 * `node-oauth1` library postman-runtime uses: `+` in the query decodes to a space, the signature
 * method defaults to HMAC-SHA1, PLAINTEXT signs with the bare key.
 */
import { createHmac, createSign } from 'node:crypto';

/**
 * RFC 3986 percent-encoding (`encodeURIComponent` plus `!*'()`).
 *
 * @example
 * oauthPercentEncode("a b!"); // 'a%20b%21'
 */
export function oauthPercentEncode(value: unknown): string {
  if (value === undefined || value === null) return '';
  return encodeURIComponent(String(value)).replace(
    /[!*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeFormPart(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/**
 * Splits `a=1&b&c=` into pairs; a part without `=` has a null value (node-oauth1's `decodeForm`).
 *
 * @example
 * decodeForm('a=x+y&b'); // [['a', 'x y'], ['b', null]]
 */
export function decodeForm(form: string): Array<[string, string | null]> {
  const pairs: Array<[string, string | null]> = [];
  for (const part of form.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) pairs.push([decodeFormPart(part), null]);
    else pairs.push([decodeFormPart(part.slice(0, eq)), decodeFormPart(part.slice(eq + 1))]);
  }
  return pairs;
}

/** `scheme://authority/path` lower-cased, default port dropped, query and fragment removed. */
function normalizeUrl(url: string): string {
  const match = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)/.exec(url);
  const scheme = (match?.[1] ?? '').toLowerCase();
  let authority = (match?.[2] ?? '').toLowerCase();
  const port = /:(\d*)$/.exec(authority)?.[1];
  if ((scheme === 'http' && port === '80') || (scheme === 'https' && port === '443')) {
    authority = authority.slice(0, authority.lastIndexOf(':'));
  }
  return `${scheme}://${authority}${match?.[3] || '/'}`;
}

export type OAuthParameter = [string, unknown];

/**
 * The signature base string: method, normalised URL, then every query, body and oauth parameter
 * (except `oauth_signature`) encoded, sorted and joined.
 *
 * @example
 * signatureBaseString('GET', 'http://example.com/r?b=1', [['oauth_nonce', 'n']]);
 * // 'GET&http%3A%2F%2Fexample.com%2Fr&b%3D1%26oauth_nonce%3Dn'
 */
export function signatureBaseString(method: string, action: string, parameters: OAuthParameter[]): string {
  const queryAt = action.indexOf('?');
  const all: OAuthParameter[] =
    queryAt < 0 ? [...parameters] : [...decodeForm(action.slice(queryAt + 1)), ...parameters];
  const sortable = all
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => ({
      sortKey: `${oauthPercentEncode(name)} ${oauthPercentEncode(value)}`,
      name,
      value,
    }));
  sortable.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const normalized = sortable
    .map(({ name, value }) => `${oauthPercentEncode(name)}=${oauthPercentEncode(value ?? '')}`)
    .join('&');
  return [method.toUpperCase(), normalizeUrl(action), normalized].map(oauthPercentEncode).join('&');
}

export interface OAuthSecrets {
  consumerSecret: string;
  tokenSecret: string;
  privateKey: string;
}

const HMAC_HASHES: Record<string, string> = {
  'HMAC-SHA1': 'sha1',
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA512': 'sha512',
};
const RSA_HASHES: Record<string, string> = {
  'RSA-SHA1': 'RSA-SHA1',
  'RSA-SHA256': 'RSA-SHA256',
  'RSA-SHA512': 'RSA-SHA512',
};

/**
 * Signs a message. If the parameters carry no (or an empty) `oauth_signature_method`, HMAC-SHA1 is
 * used and written into them, as node-oauth1 does.
 *
 * @example
 * signOAuthMessage('GET', 'http://example.com/', params, { consumerSecret: 'cs', tokenSecret: '', privateKey: '' });
 */
export function signOAuthMessage(
  method: string,
  action: string,
  parameters: OAuthParameter[],
  secrets: OAuthSecrets,
): string {
  const methodEntry = parameters.find(([name]) => name === 'oauth_signature_method');
  let signatureMethod = methodEntry ? methodEntry[1] : undefined;
  if (signatureMethod === undefined || signatureMethod === null || signatureMethod === '') {
    signatureMethod = 'HMAC-SHA1';
    if (methodEntry) methodEntry[1] = signatureMethod;
    else parameters.push(['oauth_signature_method', signatureMethod]);
  }
  const name = String(signatureMethod);
  const baseName = name.endsWith('-Accessor') ? name.slice(0, -'-Accessor'.length) : name;
  const key = `${oauthPercentEncode(secrets.consumerSecret)}&${oauthPercentEncode(secrets.tokenSecret)}`;
  if (baseName === 'PLAINTEXT') return key;
  const base = signatureBaseString(method, action, parameters);
  const hmac = HMAC_HASHES[baseName];
  if (hmac) return createHmac(hmac, key).update(base).digest('base64');
  const rsa = RSA_HASHES[baseName];
  if (rsa) return createSign(rsa).update(base).sign(secrets.privateKey, 'base64');
  throw new Error('Unsupported signature method');
}

/**
 * The `Authorization: OAuth …` value: an optional realm, then the non-empty `oauth_*` parameters.
 *
 * @example
 * oauthHeader('', [['oauth_consumer_key', 'k'], ['oauth_signature', 'a=']], false);
 * // 'OAuth oauth_consumer_key="k",oauth_signature="a%3D"'
 */
export function oauthHeader(
  realm: string | undefined,
  parameters: OAuthParameter[],
  disableEncoding: boolean,
): string {
  const pieces: string[] = [];
  if (realm?.trim()) pieces.push(`realm="${disableEncoding ? realm : oauthPercentEncode(realm)}"`);
  for (const [rawName, rawValue] of parameters) {
    if (!rawValue) continue;
    const value = String(rawValue).trim();
    const name = disableEncoding ? rawName : oauthPercentEncode(rawName);
    if (name.startsWith('oauth_'))
      pieces.push(`${name}="${disableEncoding ? value : oauthPercentEncode(value)}"`);
  }
  return `OAuth ${pieces.join(',')}`;
}
