/**
 * Loading `postern run`'s inputs: a path or an http(s) URL → bytes → text (BOM/UTF-16 aware) →
 * JSON → the @postern/collection model. Every failure becomes a `CliError` (exit 2) that names what
 * was being loaded and where from.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  type Collection,
  parseCollection,
  // csv-parse loads only when a run has iteration data
  parseIterationDataLazily,
  parseVariableList,
  type VariableList,
} from '@postern/collection';
import { CliError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { decodeText } from './decode.ts';
import { findJsonSyntaxError, parseJsonDocument } from './json.ts';

/** What is being loaded and from where, for error messages. */
export interface Source {
  /** `collection`, `environment`, `globals`, `iteration data`, `SSL client certificate`, … */
  what: string;
  location: string;
}

const URL_PATTERN = /^https?:\/\//i;

/**
 * Reads a local file or fetches an http(s) URL.
 *
 * @example
 * const bytes = await readSource({ what: 'collection', location: 'https://example.com/c.json' });
 */
export async function readSource(source: Source): Promise<Buffer> {
  if (URL_PATTERN.test(source.location)) return fetchSource(source);
  try {
    return await readFile(source.location);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('FILE_NOT_FOUND', source);
    const reason =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new CliError('FILE_UNREADABLE', { ...source, reason });
  }
}

async function fetchSource(source: Source): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(source.location, { headers: { 'User-Agent': `Postern/${VERSION}` } });
  } catch (error) {
    throw new CliError('URL_UNREACHABLE', { ...source, reason: networkReason(error) });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CliError('URL_STATUS', { ...source, status: response.status });
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new CliError('URL_UNREACHABLE', { ...source, reason: networkReason(error) });
  }
}

/** fetch() says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, …). */
function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Reads and decodes a text file or URL (UTF-8 with or without BOM, UTF-16LE/BE). */
export async function readText(source: Source): Promise<string> {
  return decodeText(await readSource(source));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads and normalises a collection (v2.1, v2.0, v1, or wrapped as `{ collection: … }`).
 *
 * @example
 * const collection = await loadCollection('tests/api.postman_collection.json');
 */
export async function loadCollection(location: string): Promise<Collection> {
  const source = { what: 'collection', location };
  const document = parseJsonDocument(await readText(source), source);
  try {
    return parseCollection(document);
  } catch (error) {
    throw new CliError('INVALID_DOCUMENT', { ...source, problem: problemOf(error) });
  }
}

/**
 * Loads an environment or globals file. Newman would run with an empty scope when given a JSON
 * object without a `values` list (a data file, say, by mistake); we say so instead.
 *
 * @example
 * const environment = await loadVariableList('staging.postman_environment.json', 'environment');
 */
export async function loadVariableList(
  location: string,
  kind: 'environment' | 'globals',
): Promise<VariableList> {
  const source = { what: kind, location };
  const document = parseJsonDocument(await readText(source), source);
  let list: VariableList;
  try {
    list = parseVariableList(document, kind);
  } catch (error) {
    throw new CliError('INVALID_DOCUMENT', { ...source, problem: problemOf(error) });
  }
  if (list.values.length === 0 && !hasValuesList(document, kind)) {
    throw new CliError('INVALID_DOCUMENT', {
      ...source,
      problem: `not a Postman ${kind} file: it has no "values" list`,
    });
  }
  return list;
}

/** `{ values: [] }`, `[]`, and the Postman API's `{ environment: … }` wrapping of either. */
function hasValuesList(document: unknown, kind: string): boolean {
  const inner =
    isRecord(document) && (isRecord(document[kind]) || Array.isArray(document[kind]))
      ? document[kind]
      : document;
  return Array.isArray(inner) || (isRecord(inner) && Array.isArray(inner.values));
}

/**
 * Loads iteration data: JSON (an array of objects) or CSV (header row, then one row per
 * iteration). `.json`/`.csv` extensions decide; otherwise JSON is tried first, as Newman does.
 *
 * @example
 * const rows = await loadIterationData('users.csv'); // [{ name: 'ada', id: 1 }, …]
 */
export async function loadIterationData(location: string): Promise<Array<Record<string, unknown>>> {
  const source = { what: 'iteration data', location };
  const text = await readText(source);
  let format = formatByExtension(location);
  if (!format) {
    const start = text.trimStart().charAt(0);
    if (start === '[' || start === '{') {
      try {
        return await parseIterationDataLazily(text, 'json');
      } catch {
        // Newman falls back to CSV for anything that is not JSON.
      }
    }
    format = 'csv';
  }
  try {
    return await parseIterationDataLazily(text, format);
  } catch (error) {
    const syntax = format === 'json' ? findSyntaxSafely(text) : undefined;
    if (syntax) throw new CliError('INVALID_JSON', { ...source, ...syntax });
    throw new CliError('INVALID_DATA', { ...source, problem: problemOf(error) });
  }
}

function formatByExtension(location: string): 'json' | 'csv' | undefined {
  const path = URL_PATTERN.test(location) ? new URL(location).pathname : location;
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  return undefined;
}

function findSyntaxSafely(text: string): { problem: string; line: number; column: number } | undefined {
  try {
    return findJsonSyntaxError(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a binary file such as a PEM certificate or key (local files only, as in Newman).
 *
 * @example
 * const cert = await loadBinaryFile({ what: 'SSL client certificate', location: 'client.pem' });
 */
export async function loadBinaryFile(source: Source): Promise<Buffer> {
  if (URL_PATTERN.test(source.location)) {
    throw new CliError('FILE_UNREADABLE', { ...source, reason: 'a local file path is expected, not a URL' });
  }
  return readSource(source);
}
