/**
 * `Response#contentInfo()` as postman-collection 4.4.0 computes it (lib/content-info/index.js), with
 * its dependencies ported rule for rule: mime-format 2.0.1 (`lookup`: its db, else `guess()`),
 * mime-types 2.1.35 (`extension()`: mime-db 1.52.0's first extension), `charset` 1.0.1, and the
 * Content-Disposition parsing, with Newman's `Buffer` polyfill for `filename*` in UTF-8.
 *
 * Not part of the always-loaded bundle: content-types.build.mjs bundles this module, with the data
 * it needs, into the lazily loaded sandbox library `postern-content-types` (see content-info.ts).
 */
import { type ContentInfo, charsetOf } from './content-info.ts';

/** The generated data (see content-types.build.mjs). */
export interface ContentTypeData {
  /** One line per top-level type: `top sub sub=ext …` (`sub` alone: the extension is the subtype). */
  extensions: string;
  /** mime-format db entries that `guess()` does not reproduce: type → [mimeType, mimeFormat]. */
  formats: Record<string, [string, string]>;
  /** file-type 3.9.0, what the SDK sniffs a body without Content-Type with. */
  sniff(bytes: Uint8Array | undefined): { ext: string; mime: string } | null;
}

/** The SDK's contentInfo, from the Content-Type and Content-Disposition values and the body. */
export type ContentInfoOf = (
  contentType: unknown,
  disposition: unknown,
  body: () => Uint8Array | undefined,
) => ContentInfo;

function unpackExtensions(packed: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of packed.split('\n')) {
    const [top, ...entries] = line.split(' ');
    for (const entry of entries) {
      const eq = entry.indexOf('=');
      const sub = eq < 0 ? entry : entry.slice(0, eq);
      table.set(`${top}/${sub}`, eq < 0 ? entry : entry.slice(eq + 1));
    }
  }
  return table;
}

const AUDIO_VIDEO_IMAGE_TEXT = /(audio|video|image|text)/;
const JSON_XML_SCRIPT_SIBLINGS = /(jsonp|json|xml|html|yaml|vml|webml|script)/;
const AUDIO_VIDEO_IMAGE_TEXT_SUBTYPE = /\/[^/]*(audio|video|image|text)/;
const APPLICATION_MESSAGE_MULTIPART = /(application|message|multipart)/;

/**
 * mime-format's `guess()` for a sanitised type (its rules, in its order).
 * @example guessFormat('application/x-ndjson') // { type: 'text', format: 'json' }
 */
export function guessFormat(mime: string): { type: string; format: string } {
  const base = mime.split('/')[0] || '';
  let match = base.match(AUDIO_VIDEO_IMAGE_TEXT);
  if (match?.[1]) {
    if (match[1] !== 'text') return { type: match[1], format: match[1] };
    return { type: 'text', format: mime.match(JSON_XML_SCRIPT_SIBLINGS)?.[1] || 'plain' };
  }
  match = mime.match(JSON_XML_SCRIPT_SIBLINGS);
  if (match?.[1]) return { type: 'text', format: match[1] };
  match = mime.match(AUDIO_VIDEO_IMAGE_TEXT_SUBTYPE);
  if (match?.[1]) return { type: match[1], format: match[1] };
  match = base.match(APPLICATION_MESSAGE_MULTIPART);
  if (match?.[1]) return { type: match[1], format: 'raw' };
  return { type: 'unknown', format: 'raw' };
}

/**
 * mime-format's `lookup()`: `source` is the type lower-cased, without whitespace or parameters.
 * Its db is a plain object, so the two lower-case names it inherits from Object.prototype hit too,
 * copying no fields: such a "type" has no mimeType or mimeFormat.
 */
function lookupFormat(
  contentType: string,
  formats: ContentTypeData['formats'],
): { source: string; type?: string; format?: string } {
  const source = String(contentType)
    .toLowerCase()
    .replace(/\s/g, '')
    .replace(/^([^;]+).*$/g, '$1');
  if (Object.hasOwn(formats, source)) {
    const [type, format] = formats[source]!;
    return { source, type, format };
  }
  if (source === 'constructor' || source === '__proto__') return { source };
  return { source, ...guessFormat(source) };
}

const EXTRACT_TYPE = /^\s*([^;\s]*)(?:;|\s|$)/;

/** mime-types' `extension()` ('' where it answers false). */
function extensionOf(type: string, extensions: Map<string, string>): string {
  if (!type) return '';
  const match = EXTRACT_TYPE.exec(type);
  return (match && extensions.get(match[1]!.toLowerCase())) || '';
}

/** Content-Disposition `filename*` and `filename`, postman-collection's regexes (RFC 5987 / 2616). */
const ENCODED_FILE_NAME =
  /;[ \t]*(?:filename\*)[ \t]*=[ \t]*([A-Za-z0-9!#$%&+\-^_`{}~]+)'.*'((?:%[0-9A-Fa-f]{2}|[A-Za-z0-9!#$&+.^_`|~-])+)[ \t]*/;
const FILE_NAME =
  /;[ \t]*(?:filename)[ \t]*=[ \t]*("(?:[\x20!\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\x20-\x7e])*"|[!#$%&'*+.0-9A-Z^_`a-z|~-]+)[ \t]*/;
const QUOTED_PAIR = /\\([ -~])/g;
const HEX_CHAR = /%([0-9A-Fa-f]{2})/g;
const NON_LATIN = /[^\x20-\x7e\xa0-\xff]/g;

/**
 * UTF-8 the way Newman's sandbox decodes it: its `Buffer` is the `buffer` 5.7.1 polyfill, which
 * replaces every byte of an invalid sequence with U+FFFD (Node replaces the maximal prefix once).
 */
function polyfillUtf8Decode(bytes: Uint8Array): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    let size = first > 0xef ? 4 : first > 0xdf ? 3 : first > 0xbf ? 2 : 1;
    let cp: number | null = null;
    if (i + size <= bytes.length) {
      const b1 = bytes[i + 1]!;
      const b2 = bytes[i + 2]!;
      const b3 = bytes[i + 3]!;
      let temp: number;
      if (size === 1) {
        if (first < 0x80) cp = first;
      } else if (size === 2) {
        if ((b1 & 0xc0) === 0x80) {
          temp = ((first & 0x1f) << 6) | (b1 & 0x3f);
          if (temp > 0x7f) cp = temp;
        }
      } else if (size === 3) {
        if ((b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80) {
          temp = ((first & 0xf) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
          if (temp > 0x7ff && (temp < 0xd800 || temp > 0xdfff)) cp = temp;
        }
      } else if ((b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80 && (b3 & 0xc0) === 0x80) {
        temp = ((first & 0xf) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
        if (temp > 0xffff && temp < 0x110000) cp = temp;
      }
    }
    if (cp === null) {
      cp = 0xfffd;
      size = 1;
    } else if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(((cp >>> 10) & 0x3ff) | 0xd800);
      cp = 0xdc00 | (cp & 0x3ff);
    }
    units.push(cp);
    i += size;
  }
  let text = '';
  for (let k = 0; k < units.length; k += 4096) text += String.fromCharCode(...units.slice(k, k + 4096));
  return text;
}

/**
 * The SDK's `filename*` decoders, looked up by the charset as written (only these two exact names;
 * a plain object, like the SDK's, so Object.prototype's names behave as they do there).
 */
const CHARACTER_DECODERS: Record<string, (value: string) => unknown> = {
  'iso-8859-1'(value: string) {
    return value.replace(NON_LATIN, '?');
  },
  'utf-8'(value: string) {
    const bytes = new Uint8Array(value.length);
    for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i) & 0xff;
    return polyfillUtf8Decode(bytes);
  },
};

function decodeFileName(encoded: string, charset: string): unknown {
  if (!encoded || !CHARACTER_DECODERS[charset]) return undefined;
  return CHARACTER_DECODERS[charset](
    encoded.replace(HEX_CHAR, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
  );
}

/** The file name a Content-Disposition value gives, if any (`filename*` first). */
function dispositionFileName(disposition: unknown): unknown {
  if (!disposition) return undefined;
  const header = disposition as string;
  let fileName: unknown;
  const encoded = ENCODED_FILE_NAME.exec(header);
  if (encoded) fileName = decodeFileName(encoded[2]!, encoded[1]!);
  if (!fileName) {
    const plain = FILE_NAME.exec(header)?.[1];
    fileName = plain?.[0] === '"' ? plain.slice(1, -1).replace(QUOTED_PAIR, '$1') : plain;
  }
  return fileName;
}

/**
 * postman-collection's `contentInfo(response)` over this data: from the response's Content-Type and
 * Content-Disposition values and its body (sniffed only when the Content-Type is missing).
 * @example createContentInfo(data)('application/pdf', 'attachment; filename="a.pdf"', () => undefined)
 */
export function createContentInfo(data: ContentTypeData): ContentInfoOf {
  const extensions = unpackExtensions(data.extensions);
  const { formats, sniff } = data;
  return (contentTypeHeader, disposition, body) => {
    let contentType = contentTypeHeader;
    let detectedExtension: string | undefined;
    if (!contentType) {
      const detected = sniff(body());
      if (detected) {
        contentType = detected.mime;
        if (contentType) detectedExtension = detected.ext;
      }
    }
    if (!contentType) contentType = 'text/plain';
    const charset = charsetOf(contentType);
    const normalized = lookupFormat(contentType as string, formats);
    const fileExtension = detectedExtension || extensionOf(normalized.source, extensions);
    let fileName = dispositionFileName(disposition);
    if (!fileName) fileName = fileExtension ? `response.${fileExtension}` : 'response';

    // only what is set, in the SDK's order (scripts may print or compare the object)
    const info: ContentInfo = {};
    if (normalized.source) info.contentType = normalized.source;
    if (normalized.type) info.mimeType = normalized.type;
    if (normalized.format) info.mimeFormat = normalized.format;
    info.charset = charset || 'utf8';
    if (fileExtension) info.fileExtension = fileExtension;
    info.fileName = fileName as string;
    return info;
  };
}
