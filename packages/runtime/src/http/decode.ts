/**
 * Turning a raw HTTP response into what Newman shows: headers grouped as postman-runtime groups
 * them, and the body decompressed (gzip, deflate, br).
 */
import zlib from 'node:zlib';
import type { HeaderEntry } from './types.ts';

/**
 * Response headers from undici's raw name/value buffers, in order and with their original case.
 * Like postman-runtime, repeated names (same case) are gathered at the first one's position.
 *
 * @example
 * responseHeaders([Buffer.from('A'), Buffer.from('1'), Buffer.from('B'), Buffer.from('2'), Buffer.from('A'), Buffer.from('3')])
 * // [{ key: 'A', value: '1' }, { key: 'A', value: '3' }, { key: 'B', value: '2' }]
 */
export function responseHeaders(raw: readonly Buffer[]): HeaderEntry[] {
  const headers: HeaderEntry[] = [];
  let seen: Set<string> | undefined;
  let repeated = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = (raw[i] as Buffer).toString('latin1');
    const value = (raw[i + 1] as Buffer).toString('latin1');
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

const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

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
  (data) => zlib.gunzipSync(data, LENIENT),
  (data, cb) => zlib.gunzip(data, LENIENT, cb),
);
const inflate = pick(
  (data) => zlib.inflateSync(data, LENIENT),
  (data, cb) => zlib.inflate(data, LENIENT, cb),
);
const inflateRaw = pick(
  (data) => zlib.inflateRawSync(data, LENIENT),
  (data, cb) => zlib.inflateRaw(data, LENIENT, cb),
);
const brotli = pick(
  (data) => zlib.brotliDecompressSync(data),
  (data, cb) => zlib.brotliDecompress(data, cb),
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
