/**
 * `pm.request.body` (Postman's `RequestBody`) with its form-data and url-encoded parameter lists.
 */
import type { BodyDefinition } from '@postern/collection';
import { type ListSpec, PropertyList } from './property-list.ts';
import { parseQueryString, type QueryParam, queryParamSpec, unparseQueryString } from './url.ts';
import { toData } from './variable.ts';

/** One `formdata` entry (text or file). */
export class FormParam {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(FormParam, 'name', { value: 'PostmanFormParam' });
  }

  key: string;
  value: unknown;
  type?: string;
  src?: unknown;
  contentType?: string;
  fileName?: string;
  declare disabled?: boolean;
  declare description?: unknown;

  constructor(options?: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    this.key = (o.key as string) || '';
    this.value = o.value || '';
    this.type = o.type as string | undefined;
    this.src = o.src;
    this.contentType = o.contentType as string | undefined;
    this.fileName = o.fileName as string | undefined;
    if ('disabled' in o) this.disabled = Boolean(o.disabled);
    if ('description' in o) this.description = o.description;
  }

  valueOf(): unknown {
    return this.value;
  }

  toString(): string {
    return `${this.key}=${String(this.value)}`;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { key: this.key };
    const fileWithoutText = this.type === 'file' && (typeof this.value !== 'string' || !this.value);
    if (!fileWithoutText) out.value = this.value;
    for (const field of ['type', 'src', 'contentType', 'fileName', 'disabled', 'description'] as const) {
      if (this[field] !== undefined) out[field] = toData(this[field]);
    }
    return out;
  }
}

export const formParamSpec: ListSpec<FormParam> = {
  create: (item) => new FormParam(item),
  isMember: (value): value is FormParam => value instanceof FormParam,
  indexKey: 'key',
  caseInsensitive: false,
  multiValue: true,
};

const MODES = new Set(['file', 'formdata', 'graphql', 'raw', 'urlencoded']);

/**
 * A request body in one of Postman's modes.
 * @example new RequestBody({ mode: 'raw', raw: '{}' }).toString() // '{}'
 */
export class RequestBody {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(RequestBody, 'name', { value: 'PostmanRequestBody' });
  }

  mode?: string;
  raw?: string;
  urlencoded?: PropertyList<QueryParam>;
  formdata?: PropertyList<FormParam>;
  file?: { src?: string | null; content?: string };
  graphql?: Record<string, unknown>;
  options?: Record<string, unknown>;
  disabled?: boolean;

  constructor(options?: unknown) {
    if (options) this.update(options);
  }

  update(input: unknown): void {
    const options = (typeof input === 'string' ? { mode: 'raw', raw: input } : (input ?? {})) as Record<
      string,
      unknown
    >;
    if (!options.mode) return;
    const requested = String(options.mode).toLowerCase();
    const mode = MODES.has(requested) ? requested : 'raw';
    let urlencoded: PropertyList<QueryParam> | undefined;
    let formdata: PropertyList<FormParam> | undefined;
    if (options.urlencoded) {
      const items =
        typeof options.urlencoded === 'string' ? parseQueryString(options.urlencoded) : options.urlencoded;
      urlencoded = new PropertyList(queryParamSpec, items);
    }
    if (options.formdata) formdata = new PropertyList(formParamSpec, options.formdata);
    let graphql = options.graphql as Record<string, unknown> | undefined;
    if (graphql)
      graphql = { query: graphql.query, operationName: graphql.operationName, variables: graphql.variables };
    let file = options.file as RequestBody['file'];
    if (typeof options.file === 'string') file = { src: options.file };
    let raw = options.raw as string | undefined;
    if (mode === 'raw' && !raw) raw = '';
    if (mode === 'urlencoded' && !urlencoded) urlencoded = new PropertyList(queryParamSpec, []);
    if (mode === 'formdata' && !formdata) formdata = new PropertyList(formParamSpec, []);
    if (mode === 'graphql' && !graphql) graphql = {};
    this.mode = mode;
    this.raw = raw;
    this.urlencoded = urlencoded;
    this.formdata = formdata;
    this.file = file;
    this.graphql = graphql;
    this.options =
      options.options && typeof options.options === 'object'
        ? (options.options as Record<string, unknown>)
        : undefined;
    this.disabled = options.disabled as boolean | undefined;
  }

  /** The body as text for raw and url-encoded modes; '' otherwise. */
  toString(): string {
    if (this.mode === 'urlencoded') return this.urlencoded ? unparseQueryString(this.urlencoded.members) : '';
    if (this.mode === 'raw') return this.raw ? String(this.raw) : '';
    return '';
  }

  isEmpty(): boolean {
    const mode = this.mode;
    const data = mode ? (this as Record<string, unknown>)[mode] : undefined;
    if (!data) return true;
    if (mode === 'file') return !(this.file?.src || this.file?.content);
    if (typeof data === 'string') return data.length === 0;
    if (data instanceof PropertyList) return data.count() === 0;
    return typeof data === 'object' && Object.keys(data).length === 0;
  }

  toJSON(): BodyDefinition {
    const out: BodyDefinition = {};
    if (this.mode !== undefined) out.mode = this.mode;
    if (this.raw !== undefined) out.raw = this.raw;
    if (this.urlencoded) out.urlencoded = this.urlencoded.members.map((p) => p.toJSON() as never);
    if (this.formdata) out.formdata = this.formdata.members.map((p) => p.toJSON() as never);
    if (this.file) {
      const file = { ...this.file };
      if (file.content !== undefined && typeof file.content !== 'string') delete file.content;
      out.file = file;
    }
    if (this.graphql) out.graphql = toData(this.graphql) as BodyDefinition['graphql'];
    if (this.options) out.options = toData(this.options) as BodyDefinition['options'];
    if (this.disabled !== undefined) out.disabled = this.disabled;
    return out;
  }
}
