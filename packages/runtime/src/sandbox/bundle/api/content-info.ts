/**
 * The part of `Response#contentInfo()` the always-loaded bundle carries: the charset, which every
 * `text()`/`json()` reads (the `charset` package's regex), and the call into the rest.
 *
 * Design: everything else (the ports of mime-format, mime-types and the Content-Disposition parsing,
 * content-types.ts; mime-db's 965 first extensions and the dozen mime-format entries its rules do
 * not already produce; file-type itself) is the sandbox library `postern-content-types`, generated
 * at build time from the very modules postman-collection resolves (content-types.build.mjs), about
 * 28 kB compiled into an isolate only the first time a script calls `contentInfo()` or `dataURI()`,
 * or `text()` on a Content-Type-less 3-byte body (file-type may throw on it). Inlined, mime-db alone
 * would add 180 kB (or 20 kB as packed here) to every isolate's start, for a rarely used call.
 */
import type { ContentInfoOf } from './content-types.ts';

export interface ContentInfo {
  contentType?: string;
  mimeType?: string;
  mimeFormat?: string;
  charset?: string;
  fileExtension?: string;
  fileName?: string;
}

/** Where the library comes from: libraries.ts installs its loader (the api layer cannot import it). */
let loadLibrary: (() => unknown) | undefined;
let contentInfoOf: ContentInfoOf | undefined;

/**
 * Installs how the `postern-content-types` library is loaded (libraries.ts, at the bundle's start):
 * scripts cannot require it, as it is no module of Newman's.
 * @example setContentTypesLoader(() => requireLibrary('postern-content-types'))
 */
export function setContentTypesLoader(load: () => unknown): void {
  loadLibrary = load;
}

/**
 * postman-collection's `contentInfo(response)` from the response's Content-Type and
 * Content-Disposition values and its body (sniffed only when the Content-Type is missing). The
 * library loads once per context, on first use.
 * @example computeContentInfo('application/pdf', 'attachment; filename="a.pdf"', () => undefined)
 */
export function computeContentInfo(
  contentType: unknown,
  disposition: unknown,
  body: () => Uint8Array | undefined,
): ContentInfo {
  if (!contentInfoOf) {
    if (!loadLibrary) throw new Error('contentInfo: the postern-content-types library is not available');
    contentInfoOf = (loadLibrary() as { contentInfo: ContentInfoOf }).contentInfo;
  }
  return contentInfoOf(contentType, disposition, body);
}

/** The `charset` package: the first charset or encoding parameter, lower case, 'utf-8' as 'utf8'. */
const CHARSET = /(?:charset|encoding)\s{0,10}=\s{0,10}['"]? {0,10}([\w-]{1,100})/i;

/**
 * `require('charset')(contentType)` for a Content-Type value: null when it names none. Only strings
 * are read (the package reads a non-string as a headers object, which a header value never is).
 * @example charsetOf('text/html; charset=UTF-8') // 'utf8'
 */
export function charsetOf(contentType: unknown): string | null {
  const match = typeof contentType === 'string' && contentType ? CHARSET.exec(contentType) : null;
  if (!match) return null;
  const charset = match[1]!.toLowerCase();
  return charset === 'utf-8' ? 'utf8' : charset;
}

/**
 * `contentInfo().charset` without the library when the answer cannot depend on it: with a
 * Content-Type, or when file-type cannot fail on the body. Undefined: ask `computeContentInfo`.
 * @example quickCharset('text/plain; charset=latin1', 4) // 'latin1'
 */
export function quickCharset(contentTypeHeader: unknown, bodyLength: number): string | undefined {
  // file-type 3.9.0 reads `buf[3].toString(16)` after matching 00 00 01: it throws on those 3 bytes
  if (!contentTypeHeader) return bodyLength === 3 ? undefined : 'utf8';
  return charsetOf(contentTypeHeader) || 'utf8';
}
