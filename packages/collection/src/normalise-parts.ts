/**
 * Normalisers for the parts shared by collections, folders, requests and variable files: variables,
 * events, auth, headers, URLs. Input has passed the zod schemas (`schema.ts`); these functions only
 * reshape it into the model and report the few problems zod cannot express.
 */
import { CollectionError } from './errors.ts';
import { parseHeaderString } from './headers.ts';
import type {
  AuthDefinition,
  AuthParam,
  EventDefinition,
  HeaderDefinition,
  QueryParam,
  UrlDefinition,
  VariableDefinition,
} from './model.ts';
import type { EventInput, UrlInput, VariableInput } from './schema.ts';
import { parseUrl, urlToString } from './url.ts';

type Path = PropertyKey[];

/** Postman splits multi-line script strings on `\r?\n`. */
const NEWLINE = /\r?\n/;
/** Splits a host string on dots that are not inside `{{…}}` (Postman's `splitDomain`). */
const HOST_DOT = /\.(?![^{]*\}{2})/g;

const HEX = '0123456789abcdef';

/**
 * A v4-shaped UUID for an item or folder that has no id. It names the item within its collection
 * (Newman makes these up too; nothing is authorised by it), so Math.random is enough, and unlike
 * crypto.randomUUID it does not load Node's crypto module into every `postern run` (~10 ms;
 * Postman exports often leave item ids out). The characters are joined at once, into a flat
 * string: one built with `+=` stays a chain of cons strings, walked by every Map lookup and
 * comparison of the id (the runner and the reporters look items up by id on every request).
 */
export function generateId(): string {
  const chars: string[] = [];
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) chars.push('-');
    else if (i === 14) chars.push('4');
    else if (i === 19) chars.push(HEX[8 + Math.floor(Math.random() * 4)] as string);
    else chars.push(HEX[Math.floor(Math.random() * 16)] as string);
  }
  return chars.join('');
}

/** `null`/`undefined` → `''`, anything else → `String(value)`. */
export const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_FIELDS: ReadonlySet<string> = new Set();
const FLAG: ReadonlySet<string> = new Set(['disabled']);

/**
 * Copies the own fields of `input` except those in `omit`, and except `null` values of the
 * `nullable` fields (a `null` optional field means "absent"); other unknown fields are kept as
 * they are. Objects are built field by field, never with `delete`, so they stay in V8's fast mode
 * for the runtime that reads them on every request.
 */
export function copyFields(
  input: object,
  omit: ReadonlySet<string>,
  nullable: ReadonlySet<string> = NO_FIELDS,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (omit.has(key) || (value === null && nullable.has(key))) continue;
    out[key] = value;
  }
  return out;
}

/** `enabled: false` (environment files, some exports) means `disabled: true` unless `disabled` is set. */
function applyEnabledFlag(out: Record<string, unknown>, input: Record<string, unknown>): void {
  if (out.disabled === undefined && input.enabled === false) out.disabled = true;
}

/** Copies a list entry (header, query or form parameter, event), normalising its disabled flag. */
export function withDisabledFlag(entry: Record<string, unknown>, omit = NO_FIELDS): Record<string, unknown> {
  const out = copyFields(entry, omit, FLAG);
  applyEnabledFlag(out, entry);
  return out;
}

const VARIABLE_NULLABLE: ReadonlySet<string> = new Set(['disabled', 'type', 'allowedDomains']);
const KEY: ReadonlySet<string> = new Set(['key']);

/**
 * A variable from a collection, folder, URL or variable file. As in Newman, only `key` names a
 * variable (a v2.0 entry with just an `id` keeps it but resolves nothing), and `enabled: false`
 * does not disable it: Newman reads `disabled` only, and runs must give Newman's results.
 */
export function normaliseVariable(input: VariableInput, path: Path): VariableDefinition {
  const key = input.key ?? (input.id !== undefined && input.id !== null ? '' : undefined);
  if (key === null || key === undefined)
    throw new CollectionError('a variable needs a "key"', [...path, 'key']);
  const out: Record<string, unknown> = { key: String(key) };
  Object.assign(out, copyFields(input, KEY, VARIABLE_NULLABLE));
  return out as VariableDefinition;
}

/** A list, or the single entry Postman also accepts in its place. */
type ListInput<T> = T | T[] | null | undefined;

const asList = <T>(input: ListInput<T>): T[] =>
  input === null || input === undefined ? [] : Array.isArray(input) ? input : [input];

export function normaliseVariables(input: ListInput<VariableInput>, path: Path): VariableDefinition[] {
  return asList(input).map((variable, index) => normaliseVariable(variable, [...path, index]));
}

const SCRIPT: ReadonlySet<string> = new Set(['script']);
const EXEC: ReadonlySet<string> = new Set(['exec']);
const SCRIPT_NULLABLE: ReadonlySet<string> = new Set(['type', 'id', 'name']);

/** Scripts always come out as `{ exec: string[] }`, whether given as text, lines or an object. */
export function normaliseEvents(input: ListInput<EventInput>): EventDefinition[] {
  return asList(input).map((event) => {
    const out = withDisabledFlag(event, SCRIPT) as unknown as EventDefinition;
    const script = event.script;
    if (typeof script === 'string') out.script = { exec: script.split(NEWLINE) };
    else if (Array.isArray(script)) out.script = { exec: script };
    else if (!script) out.script = { exec: [] };
    else {
      const exec = script.exec;
      const copy = copyFields(script, EXEC, SCRIPT_NULLABLE);
      copy.exec = typeof exec === 'string' ? exec.split(NEWLINE) : Array.isArray(exec) ? exec : [];
      out.script = copy as unknown as EventDefinition['script'];
    }
    return out;
  });
}

/**
 * Auth params become `[{ key, value, type }]` arrays: v2.0's `{ username: 'u' }` objects are
 * converted, arrays are checked.
 */
export function normaliseAuth(
  auth: Record<string, unknown> | null | undefined,
  path: Path,
): AuthDefinition | null | undefined {
  if (auth === null || auth === undefined) return auth;
  const out: AuthDefinition = { type: String(auth.type) };
  for (const [name, params] of Object.entries(auth)) {
    if (name === 'type') continue;
    if (Array.isArray(params))
      out[name] = params.map((param, index) => authParam(param, [...path, name, index]));
    else if (isPlainObject(params))
      out[name] = Object.entries(params).map(([key, value]) => objectAuthParam(key, value));
    else if (typeof params === 'string') out[name] = params;
    else if (params !== null && params !== undefined) {
      throw new CollectionError('expected an array of { key, value } or an object', [...path, name]);
    }
  }
  return out;
}

function authParam(param: unknown, path: Path): AuthParam {
  if (!isPlainObject(param)) throw new CollectionError('expected an object with "key" and "value"', path);
  const key = param.key;
  if (typeof key !== 'string') throw new CollectionError('expected a string', [...path, 'key']);
  return param as unknown as AuthParam;
}

function objectAuthParam(key: string, value: unknown): AuthParam {
  const type =
    typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number'
      ? typeof value
      : 'any';
  return { key, value, type };
}

/** Header arrays keep their entries (values as text); a header block string is parsed. */
export function normaliseHeaders(input: unknown): HeaderDefinition[] {
  if (typeof input === 'string') return parseHeaderString(input);
  if (!Array.isArray(input)) return [];
  const headers: HeaderDefinition[] = [];
  for (const header of input) {
    if (typeof header === 'string') headers.push(...parseHeaderString(header));
    else if (isPlainObject(header)) {
      const out = withDisabledFlag(header);
      out.key = text(header.key);
      out.value = text(header.value);
      headers.push(out as unknown as HeaderDefinition);
    }
  }
  return headers;
}

function normaliseQuery(list: NonNullable<UrlInput['query']>): QueryParam[] {
  return list.map((param) => {
    const out = withDisabledFlag(param);
    out.key = param.key === null || param.key === undefined ? null : String(param.key);
    out.value = param.value === null || param.value === undefined ? null : String(param.value);
    return out as unknown as QueryParam;
  });
}

/**
 * A URL is always an object with `raw`. A string is parsed; an object keeps its parts (strings
 * for host and path are split like Postman does) and gets `raw` built from them when missing. An
 * object with only `raw` is parsed from it (Newman would send an empty URL).
 */
export function normaliseUrl(input: string | UrlInput | null | undefined, path: Path): UrlDefinition {
  if (input === null || input === undefined) return { raw: '' };
  if (typeof input === 'string') return parseUrl(input);
  const hasHost = input.host !== null && input.host !== undefined;
  const hasPath = input.path !== null && input.path !== undefined;
  if (!hasHost && !hasPath && !input.protocol && typeof input.raw === 'string') {
    return { ...copyFields(input, URL_PARTS, URL_NULLABLE), ...parseUrl(input.raw) };
  }
  const url = copyFields(input, URL_PARTS, URL_NULLABLE);
  if (typeof input.host === 'string') url.host = input.host.split(HOST_DOT);
  else if (input.host) url.host = input.host;
  if (input.port !== null && input.port !== undefined) url.port = String(input.port);
  if (typeof input.path === 'string') {
    const trimmed = input.path.length > 1 && input.path.startsWith('/') ? input.path.slice(1) : input.path;
    if (trimmed) url.path = trimmed === '/' ? [''] : trimmed.split('/');
  } else if (Array.isArray(input.path)) {
    url.path = input.path.map((segment) => (typeof segment === 'string' ? segment : text(segment.value)));
  }
  if (input.query) url.query = normaliseQuery(input.query);
  if (input.variable) url.variable = normaliseVariables(input.variable, [...path, 'variable']);
  url.raw = typeof input.raw === 'string' ? input.raw : urlToString(url as Omit<UrlDefinition, 'raw'>);
  return url as unknown as UrlDefinition;
}

/** URL fields rebuilt by `normaliseUrl`; the others are copied as they are. */
const URL_PARTS: ReadonlySet<string> = new Set(['raw', 'host', 'port', 'path', 'query', 'variable']);
const URL_NULLABLE: ReadonlySet<string> = new Set(['protocol', 'hash', 'auth']);
