/**
 * `multipart/form-data` encoding, byte-compatible with the form-data library postman-request uses:
 * the same boundary shape, part headers and line breaks.
 */

export interface MultipartPart {
  name: string;
  value: Buffer | string;
  /** Present for file parts (`''` for a file entry without a file). */
  filename?: string;
  contentType?: string;
}

const CRLF = '\r\n';

/**
 * A boundary shaped like form-data's: 26 dashes and 24 random digits.
 *
 * @example
 * generateBoundary() // '--------------------------532846102517845933145218'
 */
export function generateBoundary(): string {
  let boundary = '--------------------------';
  for (let i = 0; i < 24; i++) boundary += Math.floor(Math.random() * 10).toString();
  return boundary;
}

const BOUNDARY_IN_CONTENT_TYPE = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/;

/**
 * The boundary a `Content-Type: multipart/form-data; boundary=…` header names, if any.
 *
 * @example
 * boundaryFromContentType('multipart/form-data; boundary=xyz') // 'xyz'
 */
export function boundaryFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(BOUNDARY_IN_CONTENT_TYPE);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** RFC 8187 `filename*` value, encoded as form-data does. */
function extendedFilename(filename: string): string {
  const encoded = encodeURIComponent(filename)
    .replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)
    .replace(/%(?:7C|60|5E)/g, (encoded) => String.fromCharCode(Number.parseInt(encoded.slice(1), 16)));
  return `UTF-8''${encoded}`;
}

const BEYOND_LATIN1 = /[^\t\x20-\x7e\x80-\xff]/;

function partHeader(part: MultipartPart, boundary: string): string {
  let disposition = `form-data; name="${part.name}"`;
  if (part.filename !== undefined) {
    disposition += `; filename="${part.filename}"`;
    if (BEYOND_LATIN1.test(part.filename)) disposition += `; filename*=${extendedFilename(part.filename)}`;
  }
  let header = `--${boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}`;
  if (part.contentType) header += `Content-Type: ${part.contentType}${CRLF}`;
  return header + CRLF;
}

/**
 * Encodes parts into a multipart body. No parts give an empty body, as form-data does.
 *
 * @example
 * encodeMultipart([{ name: 'a', value: '1' }], 'B').toString()
 * // '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B--\r\n'
 */
export function encodeMultipart(parts: readonly MultipartPart[], boundary: string): Buffer {
  if (parts.length === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(partHeader(part, boundary)));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : part.value);
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}
