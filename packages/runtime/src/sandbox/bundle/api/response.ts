/**
 * `pm.response` and `pm.sendRequest` results (Postman's `Response`). The body arrives as base64 and
 * is decoded lazily: most scripts call `json()` or `text()` once, many never touch the body.
 */
import { type ContentInfo, computeContentInfo, quickCharset } from './content-info.ts';
import { CookieList } from './cookies.ts';
import { base64ByteLength, base64ToBytes, decodeText } from './encoding.ts';
import { HeaderList } from './header.ts';
import { reasonPhrase } from './http-reasons.ts';
import { jsonError, parseJson } from './json-parse.ts';
import type { ScriptResponseData } from './types.ts';

const JSONP_LEFT = /^[^{(].*\(/;
const JSONP_RIGHT = /\)[^}].*$|\)$/;

/**
 * A received response.
 * @example new Response({ code: 200, status: 'OK', header: [], bodyBase64: 'e30=', responseTime: 1, responseSize: 2 }).json()
 */
export class Response {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Response, 'name', { value: 'PostmanResponse' });
  }

  id: string;
  status: string;
  code: number;
  headers: HeaderList;
  cookies: CookieList;
  responseTime: number;
  responseSize: number;
  readonly #bodyBase64: string;
  readonly #byteLength: number;
  readonly #empty: boolean;
  #bytes?: Uint8Array;
  #text?: string;

  /**
   * `data` undefined makes Postman's empty Response (what test scripts get after a request error):
   * every field undefined, `text()` undefined, `json()` a JSONError.
   */
  constructor(data?: Partial<ScriptResponseData> & { cookies?: unknown[] }, id = '') {
    const d = data ?? {};
    this.#empty = data === undefined;
    this.id = id;
    this.code = d.code as number;
    this.status = d.status || reasonPhrase(d.code) || (undefined as unknown as string);
    this.headers = new HeaderList(d.header ?? []);
    this.cookies = new CookieList(d.cookies ?? []);
    this.#bodyBase64 = d.bodyBase64 ?? '';
    this.#byteLength = base64ByteLength(this.#bodyBase64);
    // The engine may send the text it already decoded natively (same charset rules): no JS decoding.
    if (typeof d.bodyText === 'string') this.#text = d.bodyText;
    this.responseTime = d.responseTime as number;
    this.responseSize = this.#bodyBase64 ? this.#byteLength : (d.responseSize ?? 0);
    if (this.#empty) {
      // Postman's empty Response has none of these own properties: chai's messages
      // (`to have property 'code'`) depend on it.
      const own = this as Partial<Pick<Response, 'status' | 'code' | 'responseTime' | 'responseSize'>>;
      delete own.status;
      delete own.code;
      delete own.responseTime;
      delete own.responseSize;
    }
  }

  #body(): Uint8Array {
    if (!this.#bytes) this.#bytes = base64ToBytes(this.#bodyBase64);
    return this.#bytes;
  }

  /**
   * The body's bytes as a Buffer, as postman-collection's `stream` (undefined on an empty Response).
   * The context's `Buffer` global loads its polyfill on first touch.
   */
  get stream(): unknown {
    if (this.#empty) return undefined;
    const { Buffer } = globalThis as unknown as { Buffer: { from(bytes: Uint8Array): unknown } };
    return Buffer.from(this.#body());
  }

  /** The status text as received, else the standard one for the code. */
  reason(): string | undefined {
    return this.status || reasonPhrase(this.code);
  }

  /** `{ name, detail, code, standardName }` (the long `detail` texts are not bundled: ''). */
  details(): { name?: string; detail?: string; code: number; standardName?: string } {
    if (this.#empty) return {} as { code: number };
    const standard = reasonPhrase(this.code);
    return {
      name: this.status || standard,
      detail: standard === undefined ? undefined : '',
      code: this.code,
      standardName: standard,
    };
  }

  /** The body decoded with the Content-Type charset (UTF-8 by default); undefined on an empty Response. */
  text(): string | undefined {
    if (this.#empty) return undefined;
    // Postman reads `contentInfo().charset` first, every time: it may throw (see quickCharset)
    const charset =
      quickCharset(this.headers.get('Content-Type'), this.#byteLength) ?? this.contentInfo().charset;
    if (this.#text === undefined) {
      this.#text = this.#bodyBase64 ? decodeText(this.#body(), charset) : '';
    }
    return this.#text;
  }

  /** The body parsed as JSON; throws a `JSONError` with Postman's message when it is not JSON. */
  json(reviver?: (key: string, value: unknown) => unknown): unknown {
    const text = this.text();
    // JSON.parse(undefined)'s own message, which Postman's parser passes on.
    if (text === undefined) throw jsonError('"undefined" is not valid JSON');
    return parseJson(text, typeof reviver === 'function' ? reviver : undefined);
  }

  jsonp(reviver?: (key: string, value: unknown) => unknown): unknown {
    const stripped = (this.text() ?? '').replace(JSONP_LEFT, '').replace(JSONP_RIGHT, '');
    return parseJson(stripped, typeof reviver === 'function' ? reviver : undefined);
  }

  /** Mime type and format, charset, file extension and name, as postman-collection (content-info.ts). */
  contentInfo(): ContentInfo {
    return computeContentInfo(
      this.headers.get('Content-Type'),
      this.headers.get('Content-Disposition'),
      () => (this.#empty ? undefined : this.#body()),
    );
  }

  /** `data:<type>;base64, <body>` (Postman's exact format, space included). */
  dataURI(): string {
    const { contentType } = this.contentInfo();
    if (!contentType) return '';
    return `data:${contentType};base64, ` + this.#bodyBase64;
  }

  /** Postman's size estimate `{ body, header, total }`. */
  size(): { body: number; header: number; total: number } {
    const encoding = this.headers.get('Content-Encoding');
    const length = this.headers.get('Content-Length');
    const compressed = typeof encoding === 'string' && /gzip|deflate/i.test(encoding);
    let body = 0;
    if (length && compressed && /^\d+(\.\d+)?$/.test(String(length)))
      body = Number.parseInt(String(length), 10);
    else body = this.#byteLength;
    const header = `HTTP/X.X ${this.code} ${this.reason()}\r\n\r\n`.length + this.headers.contentSize();
    return { body, header, total: body + header };
  }

  encoding(): { format?: string; source?: string } {
    const header = this.headers.get('Content-Encoding');
    if (header) return { format: String(header), source: 'header' };
    const bytes = this.#bodyBase64 ? this.#body() : undefined;
    if (bytes && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x8)
      return { format: 'gzip', source: 'body' };
    return { format: undefined, source: undefined };
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      status: this.status,
      code: this.code,
      header: this.headers.toJSON(),
      cookie: this.cookies.toJSON(),
      responseTime: this.responseTime,
      responseSize: this.responseSize,
    };
  }
}

/**
 * `pm.response`: a Response that also answers `pm.response.to…` (chai-postman.ts puts `to` on this
 * prototype). Responses handed to `pm.sendRequest` callbacks have no `to`, as in Postman.
 * @example new ScriptResponse(undefined, 'response') instanceof Response // true
 */
export class ScriptResponse extends Response {
  static {
    Object.defineProperty(ScriptResponse, 'name', { value: 'PostmanResponse' });
  }
}
