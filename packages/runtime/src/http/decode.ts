/**
 * Turning a raw HTTP response into what Newman shows: headers grouped as postman-runtime groups
 * them, and the body decompressed (gzip, deflate, br).
 */
import { loadZlib } from './node-builtins.ts';
import type { HeaderEntry } from './types.ts';

/** A raw header part as latin1 text (Node gives strings; buffers are read byte per character). */
const latin1 = (part: Buffer | string): string => (typeof part === 'string' ? part : part.toString('latin1'));

/**
 * Response headers from the raw name/value parts, in order and with their original case.
 * Like postman-runtime, repeated names (same case) are gathered at the first one's position.
 *
 * @example
 * responseHeaders(['A', '1', 'B', '2', 'A', '3'])
 * // [{ key: 'A', value: '1' }, { key: 'A', value: '3' }, { key: 'B', value: '2' }]
 */
export function responseHeaders(raw: ReadonlyArray<Buffer | string>): HeaderEntry[] {
  const headers: HeaderEntry[] = [];
  let seen: Set<string> | undefined;
  let repeated = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = latin1(raw[i] as Buffer | string);
    const value = latin1(raw[i + 1] as Buffer | string);
    seen ??= new Set();
    if (seen.has(key)) repeated = true;
    else seen.add(key);
    headers.push({ key, value });
  }
  if (!repeated) return headers;
  const groups = new Map<string, HeaderEntry[]>();
  for (const header of headers) {
    const group = groups.get(header.key);
    if (group) group.push(header);
    else groups.set(header.key, [header]);
  }
  return [...groups.values()].flat();
}

/** Whether a string read as latin1 holds a byte above 0x7f. */
function hasHighBytes(latin1: string): boolean {
  for (let i = 0; i < latin1.length; i++) if (latin1.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * The reason phrase's bytes read as UTF-8, as Newman shows it ("OK" stays as it is).
 *
 * @example
 * utf8StatusText('OK') // 'OK'
 */
export function utf8StatusText(latin1: string): string {
  return hasHighBytes(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

/** zlib.constants.Z_SYNC_FLUSH (zlib loads only when a response is compressed). */
const Z_SYNC_FLUSH = 2;
const LENIENT = { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH };

/** Bodies above this size are decompressed off the main thread. */
const ASYNC_DECODE_THRESHOLD = 64 * 1024;

type Decoder = (data: Buffer) => Promise<Buffer> | Buffer;

function pick(
  sync: (data: Buffer) => Buffer,
  async: (data: Buffer, cb: (e: Error | null, r: Buffer) => void) => void,
): Decoder {
  return (data) =>
    data.length < ASYNC_DECODE_THRESHOLD
      ? sync(data)
      : new Promise((resolve, reject) =>
          async(data, (error, result) => (error ? reject(error) : resolve(result))),
        );
}

const gunzip = pick(
  (data) => loadZlib().gunzipSync(data, LENIENT),
  (data, cb) => loadZlib().gunzip(data, LENIENT, cb),
);
const inflate = pick(
  (data) => loadZlib().inflateSync(data, LENIENT),
  (data, cb) => loadZlib().inflate(data, LENIENT, cb),
);
const inflateRaw = pick(
  (data) => loadZlib().inflateRawSync(data, LENIENT),
  (data, cb) => loadZlib().inflateRaw(data, LENIENT, cb),
);
const brotli = pick(
  (data) => loadZlib().brotliDecompressSync(data),
  (data, cb) => loadZlib().brotliDecompress(data, cb),
);

/**
 * Decodes a body by its `Content-Encoding` (one of gzip, deflate, br; anything else is returned
 * as received). Deflate without a zlib header is inflated raw, as postman-request does.
 *
 * @example
 * await decodeBody(zlib.gzipSync('hi'), 'gzip') // <Buffer 68 69>
 */
export async function decodeBody(data: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  if (!contentEncoding || data.length === 0) return data;
  switch (contentEncoding.trim().toLowerCase()) {
    case 'gzip':
      return gunzip(data);
    case 'deflate':
      return ((data[0] ?? 0) & 0x0f) === 0x08 ? inflate(data) : inflateRaw(data);
    case 'br':
      return brotli(data);
    default:
      return data;
  }
}

/** Responses that carry no body to decode (postman-request skips decompression for them). */
export function hasNoBody(method: string, status: number): boolean {
  return method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304;
}
