/**
 * `pm.request` (Postman's `Request`): url, method, headers, body and auth as live objects scripts
 * can change; `toJSON()` turns the result back into a collection `RequestDefinition`.
 */
import type { RequestDefinition } from '@postern/collection';
import { utf8ByteLength } from './encoding.ts';
import { Header, HeaderList } from './header.ts';
import { RequestAuth } from './request-auth.ts';
import { RequestBody } from './request-body.ts';
import { Url } from './url.ts';
import { toData } from './variable.ts';

/** Fields of a definition the Request models itself; the rest is carried through untouched. */
const MODELLED = new Set(['url', 'method', 'header', 'body', 'auth']);

/**
 * Postman's `PropertyDescription`: a string definition becomes `{ content, type: 'text/plain' }`
 * and `String(description)` is the content (the legacy `request.description` reads it so).
 * @example String(new Description('Lists users')) // 'Lists users'
 */
export class Description {
  static {
    Object.defineProperty(Description, 'name', { value: 'PostmanPropertyDescription' });
  }

  content: unknown;
  type: string;

  constructor(definition: unknown) {
    const d =
      definition !== null && typeof definition === 'object'
        ? (definition as { content?: unknown; type?: unknown })
        : { content: definition };
    this.content = d.content;
    this.type = typeof d.type === 'string' && d.type ? d.type : 'text/plain';
  }

  toString(): string {
    return this.content ? String(this.content) : '';
  }

  toJSON(): { content: unknown; type: string } {
    return { content: this.content, type: this.type };
  }
}

/**
 * A request as scripts see it.
 * @example new Request('https://a.com').method // 'GET'
 */
export class Request {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Request, 'name', { value: 'PostmanRequest' });
  }

  url: Url;
  headers: HeaderList;
  method: string;
  declare body?: RequestBody;
  declare auth?: RequestAuth;
  declare description?: Description;
  readonly #extra: Record<string, unknown> = {};
  /** The description as built from the definition, to write the definition's own form back when unchanged. */
  #describedAs?: { description: Description; content: unknown; type: string };

  constructor(options?: unknown) {
    const o = (typeof options === 'string' ? { url: options } : (options ?? {})) as Record<string, unknown>;
    this.url = new Url();
    this.headers = new HeaderList(o.header);
    this.method = o.method === undefined || o.method === null ? 'GET' : String(o.method).toUpperCase();
    this.update(o);
  }

  update(options: unknown): void {
    if (!options) return;
    const o = (typeof options === 'string' ? { url: options } : options) as Record<string, unknown>;
    if ('url' in o) this.url.update(o.url);
    if (o.header) this.headers.repopulate(o.header);
    if ('method' in o)
      this.method = o.method === undefined || o.method === null ? 'GET' : String(o.method).toUpperCase();
    if (o.body !== undefined) this.body = new RequestBody(o.body);
    if (o.auth) this.auth = new RequestAuth(o.auth);
    else if (o.auth === null) this.#extra.auth = null;
    if (o.description !== undefined && o.description !== null) {
      const description = new Description(o.description);
      this.description = description;
      this.#describedAs = { description, content: description.content, type: description.type };
    }
    for (const key of Object.keys(o)) if (!MODELLED.has(key)) this.#extra[key] = o[key];
  }

  /** `{ key: value }` of the headers; `{ enabled, ignoreCase, multiValue, sanitizeKeys }`. */
  getHeaders(options?: {
    enabled?: boolean;
    ignoreCase?: boolean;
    multiValue?: boolean;
    sanitizeKeys?: boolean;
  }): Record<string, unknown> {
    const o = options ?? {};
    return this.headers.toObject(o.enabled, !o.ignoreCase, o.multiValue, o.sanitizeKeys);
  }

  forEachHeader(callback: (header: Header, request: Request) => void): void {
    for (const header of this.headers.all()) callback(header, this);
  }

  addHeader(header: unknown): void {
    this.headers.add(header);
  }

  removeHeader(toRemove: unknown, options?: { ignoreCase?: boolean }): void {
    let key = typeof toRemove === 'string' ? toRemove : (toRemove as { key?: string } | null)?.key;
    if (!key) return;
    const ignoreCase = Boolean(options?.ignoreCase);
    if (ignoreCase) key = key.toLowerCase();
    this.headers.remove((h: Header) => (ignoreCase ? h.key.toLowerCase() : h.key) === key);
  }

  /** Sets the value of the first header with this exact key, or adds it. */
  upsertHeader(header: unknown): void {
    const h = header as { key?: string; value?: string } | null;
    if (!h?.key) return;
    const existing = this.headers.find({ key: h.key });
    if (!existing) {
      this.headers.add(header);
      return;
    }
    existing.value = h.value as string;
  }

  addQueryParams(params: unknown): void {
    this.url.addQueryParams(params);
  }

  removeQueryParams(params: unknown): void {
    this.url.removeQueryParams(params);
  }

  /** Sets (or with `null`, removes) the auth type and its parameters. */
  authorizeUsing(type: unknown, options?: unknown): void {
    let authType = type;
    let params = options;
    if (type && typeof type === 'object' && (options === undefined || options === null)) {
      const { type: t, ...rest } = type as Record<string, unknown>;
      authType = t;
      params = rest;
    }
    if (authType === null) {
      delete this.auth;
      return;
    }
    if (typeof authType !== 'string' || authType === 'type') return;
    if (!this.auth) this.auth = new RequestAuth();
    else this.auth.clear(authType);
    this.auth.use(authType, params);
  }

  /** Postman's size estimate: `{ body, header, total, source }`. */
  size(): { body: number; header: number; total: number; source: string } {
    const contentLength = this.headers.get('Content-Length');
    const info = { body: 0, header: 0, total: 0, source: 'COMPUTED' };
    if (contentLength && /^\d+(\.\d+)?$/.test(String(contentLength))) {
      info.body = Number.parseInt(String(contentLength), 10);
      info.source = 'CONTENT-LENGTH';
    } else if (this.body) info.body = utf8ByteLength(this.body.toString());
    info.header =
      `${this.method} ${this.url.getPathWithQuery()} HTTP/X.X\r\n\r\n`.length + this.headers.contentSize();
    info.total = info.body + info.header;
    return info;
  }

  clone(): Request {
    return new Request(this.toJSON());
  }

  /** The request as a collection `RequestDefinition` (extra fields of the input are kept). */
  toJSON(): RequestDefinition {
    // Scripts may assign plain values (`pm.request.url = '…'`, `pm.request.body = { mode… }`);
    // Postman re-reads them as definitions, so do we.
    const url = this.url instanceof Url ? this.url : new Url(this.url);
    const headers = this.headers instanceof HeaderList ? this.headers : new HeaderList(this.headers);
    const out: RequestDefinition = {
      ...(toData(this.#extra) as Record<string, unknown>),
      url: url.toJSON(),
      method: this.method === undefined || this.method === null ? 'GET' : String(this.method).toUpperCase(),
      header: headers.members.map((h) => h.toJSON()),
    };
    if (this.body)
      out.body = (this.body instanceof RequestBody ? this.body : new RequestBody(this.body)).toJSON();
    const described = this.#describedAs;
    const description = this.description;
    if (description === undefined || description === null) delete out.description;
    else if (
      description !== described?.description ||
      description.content !== described.content ||
      description.type !== described.type
    ) {
      out.description = description instanceof Description ? description.toJSON() : description;
    }
    if (this.auth)
      out.auth = (this.auth instanceof RequestAuth ? this.auth : new RequestAuth(this.auth)).toJSON();
    else if ('auth' in this.#extra && this.#extra.auth === null) out.auth = null;
    return out;
  }
}

export { Header };
