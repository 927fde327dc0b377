/**
 * `pm.request.url`: Postman's `Url` with its `QueryParam` list and path variables. Parsing keeps
 * `{{variables}}` that contain separators (`{{base}}/x`, `{{host:port}}`) intact, as
 * postman-url-encoder's parser does.
 */
import type { QueryParam as QueryParamDefinition, UrlDefinition } from '@postern/collection';
import { type ListSpec, PropertyList } from './property-list.ts';
import { VariableList } from './variable.ts';

const ENCODABLE_VARIABLE = /{{[^{}]*[&#=][^{}]*}}/g;

/** Encodes `&`, `#` (and `=` in keys) outside `{{variables}}`, as Postman prints query params. */
function normaliseParam(text: string, encodeEquals: boolean): string {
  if (!text) return text;
  if (text.indexOf('&') === -1 && text.indexOf('#') === -1 && !(encodeEquals && text.indexOf('=') !== -1)) {
    return text;
  }
  const encode = (s: string): string => {
    let out = s.replace(/&/g, '%26').replace(/#/g, '%23');
    if (encodeEquals) out = out.replace(/=/g, '%3D');
    return out;
  };
  let out = '';
  let pointer = 0;
  for (const match of text.matchAll(ENCODABLE_VARIABLE)) {
    out += encode(text.slice(pointer, match.index)) + match[0];
    pointer = match.index + match[0].length;
  }
  return out + encode(text.slice(pointer));
}

/**
 * One query parameter. `value: null` means "no `=`" (`?flag`).
 * @example new QueryParam('a=1').toString() // 'a=1'
 */
export class QueryParam {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(QueryParam, 'name', { value: 'PostmanQueryParam' });
  }

  key!: string | null;
  value!: string | null;
  declare disabled?: boolean;
  declare description?: unknown;

  constructor(options?: unknown) {
    this.update(options);
  }

  update(param: unknown): void {
    const p = typeof param === 'string' ? parseQueryParam(param) : ((param ?? {}) as Record<string, unknown>);
    this.key = p.key as string | null;
    this.value = p.value as string | null;
    if (typeof param === 'object' && param !== null) {
      const o = param as Record<string, unknown>;
      if ('disabled' in o) this.disabled = Boolean(o.disabled);
      if ('description' in o) this.description = o.description;
    }
  }

  valueOf(): string {
    return typeof this.value === 'string' ? this.value : '';
  }

  toString(): string {
    return unparseQueryParam(this);
  }

  toJSON(): QueryParamDefinition {
    const out: QueryParamDefinition = { key: this.key, value: this.value };
    if (this.disabled !== undefined) out.disabled = this.disabled;
    if (this.description !== undefined) out.description = this.description;
    return out;
  }
}

/** `'a=b'` → `{ key: 'a', value: 'b' }`; `'a'` → value null. */
export function parseQueryParam(text: string): { key: string; value: string | null } {
  const index = text.indexOf('=');
  return index < 0 ? { key: text, value: null } : { key: text.slice(0, index), value: text.slice(index + 1) };
}

/** Splits a query string; empty segments inside (`a&&b`) become `{ key: null, value: null }`. */
export function parseQueryString(query: string): Array<{ key: string | null; value: string | null }> {
  const parts = query.split('&');
  return parts.map((part, i) =>
    part === '' && i !== parts.length - 1 ? { key: null, value: null } : parseQueryParam(part),
  );
}

function unparseQueryParam(param: { key?: unknown; value?: unknown }): string {
  let out = typeof param.key === 'string' ? normaliseParam(param.key, true) : '';
  if (typeof param.value === 'string') out += '=' + normaliseParam(param.value, false);
  return out;
}

/** Joins the enabled params with `&`. */
export function unparseQueryString(
  params: ReadonlyArray<{ key?: unknown; value?: unknown; disabled?: boolean }>,
): string {
  let out = '';
  let first = true;
  for (const p of params) {
    if (p.disabled === true) continue;
    if (!first) out += '&';
    first = false;
    out += unparseQueryParam(p);
  }
  return out;
}

export const queryParamSpec: ListSpec<QueryParam> = {
  create: (item) => new QueryParam(item),
  isMember: (value): value is QueryParam => value instanceof QueryParam,
  indexKey: 'key',
  caseInsensitive: false,
  multiValue: false,
  parse: parseQueryString,
  unparse: unparseQueryString,
};

interface ParsedUrl {
  protocol?: string;
  auth?: { user?: string; password?: string };
  host?: string[];
  port?: string;
  path?: string[];
  query?: Array<{ key: string | null; value: string | null }>;
  hash?: string;
  variable?: Array<{ key: string }>;
}

const SEPARATOR_VARIABLE = /{{[^{}]*[.:/?#@&\]][^{}]*}}/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Splits a raw URL into Postman's parts. */
export function parseUrl(input: string): ParsedUrl {
  const out: ParsedUrl = {};
  if (!input) return out;
  const saved: string[] = [];
  let rest = input.trimStart().replace(SEPARATOR_VARIABLE, (m) => `\uE000${saved.push(m) - 1}\uE001`);
  const restore = (s: string): string =>
    saved.length ? s.replace(PLACEHOLDER, (_m, i) => saved[Number(i)]!) : s;

  let index = rest.indexOf('#');
  if (index !== -1) {
    out.hash = restore(rest.slice(index + 1));
    rest = rest.slice(0, index);
  }
  index = rest.indexOf('?');
  if (index !== -1) {
    out.query = parseQueryString(rest.slice(index + 1)).map((q) => ({
      key: q.key === null ? null : restore(q.key),
      value: q.value === null ? null : restore(q.value),
    }));
    rest = rest.slice(0, index);
  }
  rest = rest.replace(/\\/g, '/');
  index = rest.indexOf('://');
  if (index !== -1) {
    out.protocol = restore(rest.slice(0, index));
    rest = rest.slice(index + 3).replace(/^\/+/, out.protocol.toLowerCase() === 'file' ? '/' : '');
  }
  index = rest.indexOf('/');
  if (index !== -1) {
    out.path = rest
      .slice(index + 1)
      .split('/')
      .map(restore);
    rest = rest.slice(0, index);
  }
  index = rest.lastIndexOf('@');
  if (index !== -1) {
    const auth = restore(rest.slice(0, index));
    rest = rest.slice(index + 1);
    const colon = auth.indexOf(':');
    out.auth =
      colon === -1 ? { user: auth } : { user: auth.slice(0, colon), password: auth.slice(colon + 1) };
  }
  index = rest.lastIndexOf(':');
  if (index !== -1 && rest.slice(index + 1).indexOf(']') === -1) {
    out.port = restore(rest.slice(index + 1));
    rest = rest.slice(0, index);
  }
  if (rest) out.host = rest.split('.').map(restore);

  const seen = new Set<string>();
  const variables: Array<{ key: string }> = [];
  for (const segment of out.path ?? []) {
    const key = pathVariableName(segment);
    if (key && !seen.has(key)) {
      seen.add(key);
      variables.push({ key });
    }
  }
  if (variables.length) out.variable = variables;
  return out;
}

/** `:id` → 'id', `:id.json` → 'id'; other segments → null. */
function pathVariableName(segment: string): string | null {
  if (!String(segment).startsWith(':')) return null;
  const dot = segment.indexOf('.');
  return segment.slice(1, dot === -1 ? undefined : dot) || null;
}

const DOMAIN_SPLIT = /\.(?![^{]*\}{2})/g;

/**
 * A request URL.
 * @example new Url('https://a.com/x?y=1').getPathWithQuery() // '/x?y=1'
 */
export class Url {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Url, 'name', { value: 'PostmanUrl' });
  }

  auth?: { user?: string; password?: string };
  protocol?: string;
  port?: string;
  path?: string[];
  hash?: string;
  host?: string[];
  query!: PropertyList<QueryParam>;
  variables!: VariableList;

  constructor(options?: unknown) {
    this.update(options);
  }

  /** Replaces every part from a string or a `UrlDefinition` (a definition with only `raw` is parsed). */
  update(url: unknown): void {
    let parsed: Record<string, unknown>;
    if (typeof url === 'string' || !url)
      parsed = parseUrl(typeof url === 'string' ? url : '') as Record<string, unknown>;
    else {
      parsed = url as Record<string, unknown>;
      if (
        parsed.host === undefined &&
        parsed.path === undefined &&
        typeof parsed.raw === 'string' &&
        parsed.raw
      ) {
        const fromRaw = parseUrl(parsed.raw) as Record<string, unknown>;
        parsed = { ...fromRaw, variable: parsed.variable ?? fromRaw.variable };
      }
    }
    let query = parsed.query;
    if (typeof query === 'string') query = parseQueryString(query);
    else if (query && !Array.isArray(query) && typeof query === 'object') {
      query = Object.entries(query).map(([key, value]) => ({ key, value }));
    }
    let path = parsed.path;
    if (typeof path === 'string') {
      const trimmed = path.replace(/^\/((.+))$/, '$1');
      path = trimmed ? (trimmed === '/' ? [''] : trimmed.split('/')) : undefined;
    }
    let host = parsed.host;
    if (typeof host === 'string') host = host.split(DOMAIN_SPLIT);
    const variable = Array.isArray(parsed.variable)
      ? parsed.variable.map((v: unknown) => {
          if (v && typeof v === 'object') {
            const o = v as Record<string, unknown>;
            return { ...o, key: o.key || o.id };
          }
          return v;
        })
      : [];
    this.auth = parsed.auth as Url['auth'];
    this.protocol = parsed.protocol as string | undefined;
    this.port = parsed.port === undefined || parsed.port === null ? undefined : String(parsed.port);
    this.path = path as string[] | undefined;
    this.hash = parsed.hash as string | undefined;
    this.host = host as string[] | undefined;
    this.query = new PropertyList(queryParamSpec, Array.isArray(query) ? query : []);
    this.variables = new VariableList(variable);
  }

  addQueryParams(params: unknown): void {
    this.query.populate(typeof params === 'string' ? parseQueryString(params) : params);
  }

  removeQueryParams(params: unknown): void {
    const keys = Array.isArray(params)
      ? params.map((p) => (p && typeof p === 'object' && 'key' in p ? (p as { key: unknown }).key : p))
      : [params];
    this.query.remove((p: QueryParam) => keys.includes(p.key));
  }

  getHost(): string {
    if (!this.host) return '';
    return Array.isArray(this.host) ? this.host.join('.') : String(this.host);
  }

  /** The path with `:variables` replaced by their (string) values. */
  getPath(unresolved?: boolean): string {
    const path = this.path ?? [];
    if (unresolved) return '/' + path.join('/');
    const segments = path.map((segment) => {
      const key = pathVariableName(segment);
      const value = key ? this.variables.get(key) : undefined;
      return key && value && typeof value === 'string' ? value + segment.slice(key.length + 1) : segment;
    });
    return '/' + segments.join('/');
  }

  getQueryString(): string {
    return this.query.count() ? unparseQueryString(this.query.members) : '';
  }

  getPathWithQuery(): string {
    const query = this.getQueryString();
    return this.getPath() + (query ? '?' + query : '');
  }

  /** `host[:port]`; with `forcePort`, the protocol's default port when none is set. */
  getRemote(forcePort?: boolean): string {
    const host = this.getHost();
    let port = this.port?.toString();
    if (forcePort && !port) port = this.protocol === 'https' ? '443' : '80';
    return port ? `${host}:${port}` : host;
  }

  getOAuth1BaseUrl(): string {
    let protocol = this.protocol || 'http';
    const port = this.port ? this.port.toString() : undefined;
    const hostText = (this.host ?? []).join('.');
    const host = port === '80' || port === '443' || port === undefined ? hostText : `${hostText}:${port}`;
    protocol = protocol.endsWith('://') ? protocol : protocol + '://';
    return protocol.toLowerCase() + host.toLowerCase() + this.getPath();
  }

  /** The URL as text; `forceProtocol` adds `http://` when none is set. */
  toString(forceProtocol?: boolean): string {
    let raw = '';
    let protocol = this.protocol;
    if (forceProtocol && !protocol) protocol = 'http://';
    if (protocol) raw += protocol.endsWith('://') ? protocol : protocol + '://';
    if (this.auth) {
      let authText: string | undefined;
      if (typeof this.auth.user === 'string') authText = this.auth.user;
      if (typeof this.auth.password === 'string') authText = (authText ?? '') + ':' + this.auth.password;
      if (typeof authText === 'string') raw += authText + '@';
    }
    if (this.host) raw += this.getHost();
    if (this.port !== undefined && this.port !== null) raw += ':' + String(this.port);
    if (this.path) raw += this.getPath();
    if (this.query.count()) {
      const query = this.getQueryString();
      const anyEnabled = this.query.members.some((p) => p && !p.disabled);
      if (query !== '' || anyEnabled) raw += '?' + query;
    }
    if (typeof this.hash === 'string') raw += '#' + this.hash;
    return raw;
  }

  /** The URL as a collection `UrlDefinition` (parts plus `raw`). */
  toJSON(): UrlDefinition {
    const out: UrlDefinition = { raw: this.toString() };
    if (this.protocol !== undefined) out.protocol = this.protocol;
    if (this.auth !== undefined) (out as unknown as Record<string, unknown>).auth = { ...this.auth };
    if (this.host !== undefined) out.host = this.host.slice();
    if (this.port !== undefined) out.port = this.port;
    if (this.path !== undefined) out.path = this.path.slice();
    if (this.query.count()) out.query = this.query.members.map((q) => q.toJSON());
    if (this.hash !== undefined) out.hash = this.hash;
    if (this.variables.count()) out.variable = this.variables.members.map((v) => v.toJSON());
    return out;
  }
}
