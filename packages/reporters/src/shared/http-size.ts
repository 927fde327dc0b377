/**
 * Request/response sizes as Newman prints them (postman-collection's `size().total`): an approximate
 * head (`HTTP/X.X <code> <reason>` or `<method> <path> HTTP/X.X`, CRLFs, `key: value\r\n` per header)
 * plus the body.
 */
import type { ReceivedResponse, SentRequest } from '@postern/runtime';

function headerBytes(headers: ReadonlyArray<{ key: string; value: string }>): number {
  let total = 0;
  for (const h of headers) total += h.key.length + h.value.length + 4;
  return total;
}

/**
 * @example
 * responseTotalSize({ code: 200, status: 'OK', headers: [], responseSize: 19, … }); // 19 + 19
 */
export function responseTotalSize(response: ReceivedResponse): number {
  const head = `HTTP/X.X ${response.code} ${response.status}\r\n\r\n`.length;
  return head + headerBytes(response.headers) + response.responseSize;
}

/**
 * @example
 * requestTotalSize({ method: 'GET', url: 'http://h/a?b=1', headers: [] }); // 'GET /a?b=1 HTTP/X.X\r\n\r\n'.length
 */
export function requestTotalSize(request: SentRequest): number {
  const head = `${request.method} ${pathWithQuery(request.url)} HTTP/X.X\r\n\r\n`.length;
  return head + headerBytes(request.headers) + requestBodySize(request);
}

/** The request body size: `Content-Length` when numeric, else the body's UTF-8 length. */
export function requestBodySize(request: SentRequest): number {
  const declared = request.headers.find((h) => h.key.toLowerCase() === 'content-length')?.value;
  if (declared !== undefined && /^\d+$/.test(declared.trim())) return Number.parseInt(declared, 10);
  return request.body === undefined ? 0 : Buffer.byteLength(request.body);
}

function pathWithQuery(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  const rest = match ? match[1] : url;
  return rest === undefined || rest === '' ? '/' : rest;
}
