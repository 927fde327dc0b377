/**
 * Request bodies, serialised as postman-runtime and postman-request serialise them.
 */
import path from 'node:path';
import type { BodyDefinition, FormParam, UrlencodedParam } from '@postern/collection';
import { type FileAccess, readBodyFile } from './files.ts';
import { getHeader } from './headers.ts';
import { stripJsonComments } from './json-comments.ts';
import {
  boundaryFromContentType,
  encodeMultipart,
  generateBoundary,
  type MultipartPart,
} from './multipart.ts';
import type { HeaderEntry, HttpBody } from './types.ts';
import { encodeFormComponent } from './url-encode.ts';

export interface BodyContext extends FileAccess {
  /** Newman prints file problems as console warnings; the request is still sent. */
  warn?: (message: string) => void;
}

export interface BuiltBody {
  body?: HttpBody;
  /** A Content-Type to add (raw and graphql bodies) before the system headers, as Postman does. */
  contentType?: string;
}

/** Methods whose body Postman drops unless `disableBodyPruning` is set. */
const METHODS_WITHOUT_BODY = new Set(['get', 'copy', 'head', 'purge', 'unlock']);

const RAW_LANGUAGE_TYPES: Record<string, string> = {
  html: 'text/html',
  text: 'text/plain',
  json: 'application/json',
  javascript: 'application/javascript',
  xml: 'application/xml',
};

const JSON_CONTENT_TYPE = /^application\/(\S+\+)?json/;

function isEmptyBody(body: BodyDefinition, mode: string): boolean {
  const data: unknown = (body as Record<string, unknown>)[mode];
  if (!data) return true;
  if (mode === 'file') {
    const file = data as NonNullable<BodyDefinition['file']>;
    return !(file.src || file.content);
  }
  if (typeof data === 'string') return data.length === 0;
  if (Array.isArray(data)) {
    // Postman also treats a list whose entries are all disabled as no body.
    return !data.some((param: { disabled?: boolean } | null) => param && !param.disabled);
  }
  return typeof data === 'object' && Object.keys(data).length === 0;
}

/**
 * Serialises a request body. Returns no body for a disabled or empty body, an unknown mode, or a
 * GET/HEAD/COPY/PURGE/UNLOCK request (unless `disableBodyPruning`).
 *
 * @example
 * await buildBody({ mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } }, 'POST', [], false, ctx)
 * // { body: { mode: 'raw', data: <Buffer> }, contentType: 'application/json' }
 */
export async function buildBody(
  body: BodyDefinition | undefined,
  method: string,
  headers: readonly HeaderEntry[],
  disableBodyPruning: boolean,
  ctx: BodyContext,
): Promise<BuiltBody> {
  if (!body || body.disabled || !body.mode) return {};
  const mode = body.mode;
  if (isEmptyBody(body, mode)) return {};
  if (METHODS_WITHOUT_BODY.has(method.toLowerCase()) && !disableBodyPruning) return {};
  switch (mode) {
    case 'raw':
      return rawBody(body, headers);
    case 'urlencoded':
      return { body: urlencodedBody(body.urlencoded ?? []) };
    case 'formdata':
      return { body: await formdataBody(body.formdata ?? [], headers, ctx) };
    case 'file':
      return { body: await fileBody(body.file ?? {}, ctx) };
    case 'graphql':
      return graphqlBody(body.graphql ?? {}, headers);
    default:
      return {};
  }
}

function rawBody(body: BodyDefinition, headers: readonly HeaderEntry[]): BuiltBody {
  const language = body.options?.raw?.language;
  const userContentType = getHeader(headers, 'content-type');
  let text = typeof body.raw === 'string' ? body.raw : JSON.stringify(body.raw);
  const isJson =
    language === 'json' ||
    (!language && userContentType !== undefined && JSON_CONTENT_TYPE.test(userContentType));
  if (isJson && (text.includes('//') || text.includes('/*'))) text = stripJsonComments(text);
  const built: BuiltBody = { body: { mode: 'raw', data: Buffer.from(text) } };
  if (userContentType === undefined) {
    const lang = language ?? 'text';
    built.contentType = Object.hasOwn(RAW_LANGUAGE_TYPES, lang) ? RAW_LANGUAGE_TYPES[lang] : 'text/plain';
  }
  return built;
}

/** Node's querystring conversion of a form value: numbers, booleans and bigints print, the rest is ''. */
function formValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

function urlencodedBody(params: readonly UrlencodedParam[]): HttpBody {
  const fields: HeaderEntry[] = [];
  // postman-runtime gathers values per key in an object, so duplicates end up next to each other
  // and integer-like keys come first (JavaScript object key order).
  const grouped = new Map<string, string[]>();
  for (const param of params) {
    if (!param || param.disabled) continue;
    const key = String(param.key);
    const value = formValueText(param.value);
    fields.push({ key, value });
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  const keys = [...grouped.keys()];
  const indexKeys = keys
    .filter((key) => ARRAY_INDEX.test(key) && Number(key) < 4294967295)
    .sort((a, b) => Number(a) - Number(b));
  const ordered = indexKeys.length ? [...indexKeys, ...keys.filter((key) => !indexKeys.includes(key))] : keys;
  const pairs: string[] = [];
  for (const key of ordered) {
    const encodedKey = encodeFormComponent(key);
    for (const value of grouped.get(key) ?? []) pairs.push(`${encodedKey}=${encodeFormComponent(value)}`);
  }
  return { mode: 'urlencoded', fields, data: Buffer.from(pairs.join('&')) };
}

/** The MIME type of a file by its extension (mime-types and its database load on first use). */
async function fileContentType(resolvedPath: string): Promise<string> {
  const { default: mime } = await import('mime-types');
  return mime.lookup(resolvedPath) || 'application/octet-stream';
}

async function formdataBody(
  params: readonly FormParam[],
  headers: readonly HeaderEntry[],
  ctx: BodyContext,
): Promise<HttpBody> {
  const parts: MultipartPart[] = [];
  for (const param of params) {
    if (!param || param.disabled) continue;
    if (param.type === 'file') parts.push(...(await fileParts(param, ctx)));
    else parts.push(textPart(param));
  }
  const boundary = boundaryFromContentType(getHeader(headers, 'content-type')) ?? generateBoundary();
  return { mode: 'formdata', boundary, data: encodeMultipart(parts, boundary) };
}

function textPart(param: FormParam): MultipartPart {
  const value: unknown = param.value;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  const part: MultipartPart = { name: String(param.key), value: text };
  if (param.contentType && typeof param.contentType === 'string') part.contentType = param.contentType;
  return part;
}

async function fileParts(param: FormParam, ctx: BodyContext): Promise<MultipartPart[]> {
  const name = String(param.key);
  const explicitType =
    typeof param.contentType === 'string' && param.contentType ? param.contentType : undefined;
  const warn = (message: string) => ctx.warn?.(`Form param \`${name}\`, file load error: ${message}`);
  const src = param.src;
  const sources = Array.isArray(src) ? src : src ? [src] : [];

  if (sources.length === 0) {
    // A file entry may carry its content inline, base64-encoded.
    if (typeof param.value === 'string' && param.value) {
      const part: MultipartPart = { name, value: Buffer.from(param.value, 'base64') };
      part.contentType = explicitType ?? 'application/octet-stream';
      return [part];
    }
    warn('missing file source');
    return [{ name, value: '', filename: '', ...(explicitType ? { contentType: explicitType } : {}) }];
  }

  const parts: MultipartPart[] = [];
  for (const one of sources) {
    try {
      const { data, resolvedPath } = await readBodyFile(String(one), ctx);
      parts.push({
        name,
        value: data,
        filename: path.basename(resolvedPath),
        contentType: explicitType ?? (await fileContentType(resolvedPath)),
      });
    } catch (error) {
      // A file that cannot be read is left out; the others are still sent.
      warn((error as Error).message);
    }
  }
  return parts;
}

async function fileBody(
  file: NonNullable<BodyDefinition['file']>,
  ctx: BodyContext,
): Promise<HttpBody | undefined> {
  if (!file.src) {
    return typeof file.content === 'string'
      ? { mode: 'file', data: Buffer.from(file.content, 'base64') }
      : undefined;
  }
  try {
    const { data, resolvedPath } = await readBodyFile(file.src, ctx);
    return {
      mode: 'file',
      data,
      description: `[file: ${file.src}]`,
      contentType: await fileContentType(resolvedPath),
    };
  } catch (error) {
    ctx.warn?.(`Binary file load error: ${(error as Error).message}`);
    return undefined;
  }
}

function graphqlBody(
  content: NonNullable<BodyDefinition['graphql']>,
  headers: readonly HeaderEntry[],
): BuiltBody {
  let text: string;
  if (typeof content.variables !== 'string') {
    text = JSON.stringify({
      query: content.query,
      operationName: content.operationName,
      variables: content.variables,
    });
  } else {
    // String variables are inserted as written (not re-serialised), as Postman does.
    const members: string[] = [];
    if (typeof content.query === 'string') members.push(`"query":${JSON.stringify(content.query)}`);
    if (typeof content.operationName === 'string') {
      members.push(`"operationName":${JSON.stringify(content.operationName)}`);
    }
    if (content.variables !== '') members.push(`"variables":${content.variables}`);
    text = `{${members.join(',')}}`;
  }
  const built: BuiltBody = { body: { mode: 'graphql', data: Buffer.from(text) } };
  if (getHeader(headers, 'content-type') === undefined) built.contentType = 'application/json';
  return built;
}
