/**
 * Byte/text conversions without Buffer (the isolate has none): base64 → bytes, bytes → UTF-8 and
 * Latin-1 text. Small and allocation-light because every response body passes through `base64ToBytes`.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_LOOKUP[BASE64_ALPHABET.charCodeAt(i)] = i;
// URL-safe variants decode too.
BASE64_LOOKUP['-'.charCodeAt(0)] = 62;
BASE64_LOOKUP['_'.charCodeAt(0)] = 63;

/**
 * Decodes base64 (padding and whitespace tolerated).
 * @example base64ToBytes('aGk=') // Uint8Array [104, 105]
 */
export function base64ToBytes(base64: string): Uint8Array {
  return decodeCanonical(base64) ?? decodeLenient(base64);
}

/** Fast path for what the engine sends: padded standard base64, no whitespace. Null otherwise. */
function decodeCanonical(base64: string): Uint8Array | null {
  const length = base64.length;
  if (length % 4 !== 0) return null;
  let padding = 0;
  if (length > 0 && base64.charCodeAt(length - 1) === 61)
    padding = base64.charCodeAt(length - 2) === 61 ? 2 : 1;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const full = padding ? length - 4 : length;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = BASE64_LOOKUP[base64.charCodeAt(i)] ?? -1;
    const b = BASE64_LOOKUP[base64.charCodeAt(i + 1)] ?? -1;
    const c = BASE64_LOOKUP[base64.charCodeAt(i + 2)] ?? -1;
    const d = BASE64_LOOKUP[base64.charCodeAt(i + 3)] ?? -1;
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (padding) {
    const a = BASE64_LOOKUP[base64.charCodeAt(full)] ?? -1;
    const b = BASE64_LOOKUP[base64.charCodeAt(full + 1)] ?? -1;
    const c = padding === 1 ? (BASE64_LOOKUP[base64.charCodeAt(full + 2)] ?? -1) : 0;
    if ((a | b | c) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (padding === 1) out[o++] = (n >> 8) & 0xff;
  }
  return out;
}

function decodeLenient(base64: string): Uint8Array {
  const out = new Uint8Array(Math.floor((base64.length * 3) / 4));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < base64.length; i++) {
    const code = base64.charCodeAt(i);
    const value = code < 128 ? (BASE64_LOOKUP[code] ?? -1) : -1;
    if (value < 0) continue; // '=', whitespace and junk are skipped
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return length === out.length ? out : out.subarray(0, length);
}

const NON_CANONICAL = /[^A-Za-z0-9+/=]/;

/**
 * Number of bytes a canonical (padded, whitespace-free) base64 string decodes to, without decoding.
 * @example base64ByteLength('aGk=') // 2
 */
export function base64ByteLength(base64: string): number {
  const length = base64.length;
  if (length === 0) return 0;
  if (length % 4 !== 0 || NON_CANONICAL.test(base64)) return base64ToBytes(base64).length;
  let padding = 0;
  if (base64.charCodeAt(length - 1) === 61) padding = base64.charCodeAt(length - 2) === 61 ? 2 : 1;
  return (length / 4) * 3 - padding;
}

/**
 * Decodes UTF-8 as Node's `buffer.toString('utf8')` does (invalid sequences become U+FFFD).
 * @example utf8Decode(new Uint8Array([0xc3, 0xa9])) // 'é'
 */
export function utf8Decode(bytes: Uint8Array): string {
  let ascii = true;
  for (let k = 0; k < bytes.length; k++) {
    if (bytes[k]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1Decode(bytes); // the common case for JSON bodies, and much faster
  const chunks: string[] = [];
  let units: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i]!;
    let cp = 0xfffd;
    let size = 1;
    if (b0 < 0x80) {
      cp = b0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      const b1 = bytes[i + 1];
      if (b1 !== undefined && (b1 & 0xc0) === 0x80) {
        cp = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
        size = 2;
      }
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const b1 = bytes[i + 1];
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (b1 !== undefined && b1 >= lo && b1 <= hi) {
        const b2 = bytes[i + 2];
        if (b2 !== undefined && (b2 & 0xc0) === 0x80) {
          cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
          size = 3;
        } else size = 2;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const b1 = bytes[i + 1];
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (b1 !== undefined && b1 >= lo && b1 <= hi) {
        const b2 = bytes[i + 2];
        if (b2 !== undefined && (b2 & 0xc0) === 0x80) {
          const b3 = bytes[i + 3];
          if (b3 !== undefined && (b3 & 0xc0) === 0x80) {
            cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
            size = 4;
          } else size = 3;
        } else size = 2;
      }
    }
    i += size;
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length >= 8192) {
      chunks.push(String.fromCharCode.apply(null, units));
      units = [];
    }
  }
  chunks.push(String.fromCharCode.apply(null, units));
  return chunks.join('');
}

/** Byte length of a string in UTF-8, without allocating. */
export function utf8ByteLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp < 0x80) length += 1;
    else if (cp < 0x800) length += 2;
    else if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** Each byte as one char code (Node's 'latin1'/'binary'). */
export function latin1Decode(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]));
  }
  return chunks.join('');
}

const LATIN1_CHARSETS = new Set(['latin1', 'binary', 'iso-8859-1', 'iso8859-1', 'ascii', 'us-ascii']);
const UTF16_CHARSETS = new Map<string, 'le' | 'be' | 'bom'>([
  ['utf-16le', 'le'],
  ['utf16le', 'le'],
  ['ucs2', 'le'],
  ['ucs-2', 'le'],
  ['utf-16be', 'be'],
  ['utf16be', 'be'],
  ['utf-16', 'bom'],
  ['utf16', 'bom'],
]);

/** UTF-16 code units, little- or big-endian (a trailing odd byte is dropped, as iconv-lite does). */
function utf16Decode(bytes: Uint8Array, order: 'le' | 'be' | 'bom'): string {
  let endian = order;
  // iconv-lite's utf16 reads the byte order mark, little-endian without one
  if (endian === 'bom') endian = bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : 'le';
  const units: number[] = [];
  const chunks: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    units.push(endian === 'le' ? a | (b << 8) : (a << 8) | b);
    if (units.length === 8192) chunks.push(String.fromCharCode(...units.splice(0)));
  }
  chunks.push(String.fromCharCode(...units));
  return chunks.join('');
}

/** iconv-lite (which Newman decodes with) drops a leading byte order mark. */
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Decodes a body in the response's charset as Newman does (iconv-lite, then a plain UTF-8 read for
 * a charset it does not know): UTF-8 by default, Latin-1 names and UTF-16 directly, other charsets
 * through `TextDecoder` when the isolate has one. A known charset's byte order mark is dropped.
 * @example decodeText(bytes, 'utf-8')
 */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const name = (charset ?? 'utf8').toLowerCase();
  if (name === 'utf8' || name === 'utf-8' || name === '') return stripBom(utf8Decode(bytes));
  if (LATIN1_CHARSETS.has(name)) return latin1Decode(bytes);
  const utf16 = UTF16_CHARSETS.get(name);
  if (utf16) return stripBom(utf16Decode(bytes, utf16));
  const Decoder = (globalThis as { TextDecoder?: new (label: string) => { decode(b: Uint8Array): string } })
    .TextDecoder;
  if (Decoder) {
    try {
      return new Decoder(name).decode(bytes);
    } catch {
      // unknown label: Node falls back to UTF-8 as well
    }
  }
  return utf8Decode(bytes);
}
