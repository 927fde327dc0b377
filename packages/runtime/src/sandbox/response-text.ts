/**
 * The response body as text, decoded on the host when the result is certain to be what the
 * in-isolate API would produce (`Response#text()` in bundle/api/response.ts): Buffer decodes
 * natively, where the isolate would first turn base64 into bytes and then decode them in JS.
 * When in doubt (another charset, invalid UTF-8), it returns undefined and the API decodes itself.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { charsetOf } from './bundle/api/content-info.ts';

/** Charsets the API decodes as UTF-8 (`contentInfo` maps a missing one and 'utf-8' to 'utf8'). */
const UTF8_CHARSETS: ReadonlySet<string> = new Set(['utf8', 'utf-8']);
/** Charsets the API decodes byte by byte (its `LATIN1_CHARSETS`). */
const LATIN1_CHARSETS: ReadonlySet<string> = new Set([
  'latin1',
  'binary',
  'iso-8859-1',
  'iso8859-1',
  'ascii',
  'us-ascii',
]);

type Decoding = 'utf8' | 'latin1' | 'other';

function decodingOf(contentType: unknown): Decoding {
  // a missing, empty or non-string Content-Type reads as text/plain: UTF-8
  if (typeof contentType !== 'string' || !contentType) return 'utf8';
  // the API's own reading of the charset (the `charset` package's, as in postman-collection)
  const charset = charsetOf(contentType);
  if (charset === null || UTF8_CHARSETS.has(charset)) return 'utf8';
  return LATIN1_CHARSETS.has(charset) ? 'latin1' : 'other';
}

/**
 * The text the API would decode from `body`, or undefined when only the API can tell. Every header
 * whose name contains "content-type" counts (whichever of them the API picks, the answer holds).
 * @example decodedBodyText([{ key: 'Content-Type', value: 'application/json' }], Buffer.from('{}')) // '{}'
 */
export function decodedBodyText(
  headers: ReadonlyArray<{ key: unknown; value: unknown }>,
  body: Buffer,
): string | undefined {
  let utf8 = false;
  let latin1 = false;
  for (const header of headers) {
    if (typeof header !== 'object' || header === null) {
      // not a { key, value } entry: the API might still read a Content-Type out of it
      if (String(header).toLowerCase().includes('content-type')) return undefined;
      continue;
    }
    if (!String(header.key).toLowerCase().includes('content-type')) continue;
    const decoding = decodingOf(header.value);
    if (decoding === 'other') return undefined;
    if (decoding === 'utf8') utf8 = true;
    else latin1 = true;
  }
  if (!latin1) {
    if (!isUtf8(body)) return undefined;
    const text = body.toString('utf8');
    // the API drops a UTF-8 byte order mark, as iconv-lite does in Newman
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  if (!utf8) return body.toString('latin1');
  // both decodings possible: they agree on ASCII only
  return isAscii(body) ? body.toString('latin1') : undefined;
}
