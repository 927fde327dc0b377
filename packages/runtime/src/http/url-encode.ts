/**
 * Percent-encoding with the character sets Postman's URL encoder uses (WHATWG URL sets, applied
 * to UTF-8 bytes). `%` is never in a set, so sequences that are already encoded stay as they are.
 */

/** A 128-entry lookup: 1 means the ASCII code point is percent-encoded. Non-ASCII always is. */
type EncodeSet = Uint8Array;

function makeSet(base: EncodeSet | null, extra: string): EncodeSet {
  const set = new Uint8Array(128);
  if (base) set.set(base);
  else {
    // C0 controls and DEL
    set.fill(1, 0, 0x20);
    set[0x7f] = 1;
  }
  for (const ch of extra) set[ch.charCodeAt(0)] = 1;
  return set;
}

const C0_CONTROL_SET = makeSet(null, '');
const FRAGMENT_SET = makeSet(C0_CONTROL_SET, ' "<>`');
const PATH_SET = makeSet(FRAGMENT_SET, '#?{}');
const USERINFO_SET = makeSet(PATH_SET, '/:;=@[\\]^|');
const QUERY_SET = makeSet(C0_CONTROL_SET, ' "#\'<>');
/** Everything but RFC 3986 unreserved characters (what querystring.escape + `!'()*` encodes). */
const FORM_SET = (() => {
  const set = new Uint8Array(128).fill(1);
  for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') {
    set[ch.charCodeAt(0)] = 0;
  }
  return set;
})();

const HEX = '0123456789ABCDEF';

function encodeBytes(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function percentEncode(value: string, set: EncodeSet): string {
  // Fast path: most URL parts need no encoding at all.
  let i = 0;
  for (; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || set[code] === 1) break;
  }
  if (i === value.length) return value;

  let out = value.slice(0, i);
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (code < 128) {
      out += set[code] === 1 ? `%${HEX[code >> 4]}${HEX[code & 15]}` : value[i];
      i++;
      continue;
    }
    // Encode a whole run of non-ASCII characters at once (keeps surrogate pairs together).
    let end = i + 1;
    while (end < value.length && value.charCodeAt(end) >= 128) end++;
    out += encodeBytes(value.slice(i, end));
    i = end;
  }
  return out;
}

/** Encodes a URL path as Postman does (`/a b/{x}` → `/a%20b/%7Bx%7D`). */
export function encodePath(path: string): string {
  return percentEncode(path, PATH_SET);
}

/** Encodes a whole query string as Postman does: `&`, `=`, `+` are kept, spaces become `%20`. */
export function encodeQuery(query: string): string {
  return percentEncode(query, QUERY_SET);
}

/** Encodes the fragment after `#`. */
export function encodeFragment(fragment: string): string {
  return percentEncode(fragment, FRAGMENT_SET);
}

/** Encodes a user name or password of the URL's userinfo. */
export function encodeUserInfo(part: string): string {
  return percentEncode(part, USERINFO_SET);
}

/**
 * Encodes an `application/x-www-form-urlencoded` key or value the way postman-request does
 * (Node's querystring escaping, plus `!'()*`): `a b&c` → `a%20b%26c`.
 */
export function encodeFormComponent(value: string): string {
  return percentEncode(value, FORM_SET);
}
