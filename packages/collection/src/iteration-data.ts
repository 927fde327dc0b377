// csv-parse 4.16.3 is the parser Newman uses; its self-contained build runs in browsers too.
import parseCsv from 'csv-parse/lib/browser/sync.js';
import { CollectionError, describeJsonType } from './errors.ts';
import { parseJsonDocument } from './json-document.ts';

export type IterationDataFormat = 'json' | 'csv' | 'auto';

/** Newman's integer test (from csv-parse 2): no leading zeros, so `'007'` and `'0'` are not integers… */
const INTEGER = /^(-|\+)?([1-9]+[0-9]*)$/;

/** …but they pass Newman's float test, which is true for anything `parseFloat` reads completely. */
function looksLikeFloat(value: string): boolean {
  return Number(value) - Number.parseFloat(value) + 1 >= 0;
}

/** Unquoted fields that look numeric become numbers, exactly as Newman casts them. */
function castLikeNewman(value: string, context: { quoting: boolean }): unknown {
  if (context.quoting) return value;
  if (INTEGER.test(value)) return Number.parseInt(value, 10);
  if (looksLikeFloat(value)) return Number.parseFloat(value);
  return value;
}

/** The options Newman 6 passes to csv-parse for `-d file.csv`. */
const NEWMAN_CSV_OPTIONS = {
  columns: true,
  escape: '"',
  cast: castLikeNewman,
  trim: true,
  relax: true,
  relax_column_count: true,
  bom: true,
};

/**
 * Reads an iteration data file (`-d`): a JSON array of objects, or CSV with a header row parsed
 * exactly as Newman does (BOM skipped, quoted fields, `""` escapes, spaces around delimiters
 * trimmed, unquoted numbers cast to numbers, ragged rows allowed). `'auto'` tries JSON first and
 * falls back to CSV, like Newman, which ignores the file extension.
 *
 * @example parseIterationData('user,age\nalice,30\n', 'csv') // [{ user: 'alice', age: 30 }]
 * @example parseIterationData('[{"user":"bob"}]', 'json') // [{ user: 'bob' }]
 */
export function parseIterationData(
  text: string,
  format: IterationDataFormat,
): Array<Record<string, unknown>> {
  if (format === 'csv') return parseCsvData(text);
  if (format === 'json') return rowsOf(parseJsonDocument(text, 'iteration data file'));
  let json: unknown;
  try {
    json = parseJsonDocument(text);
  } catch {
    return parseCsvData(text);
  }
  return rowsOf(json);
}

function rowsOf(json: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(json)) {
    throw new CollectionError(`iteration data must be an array of objects, got ${describeJsonType(json)}`);
  }
  json.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new CollectionError(`iteration data rows must be objects, got ${describeJsonType(row)}`, [index]);
    }
  });
  return json as Array<Record<string, unknown>>;
}

function parseCsvData(text: string): Array<Record<string, unknown>> {
  try {
    return parseCsv(text, NEWMAN_CSV_OPTIONS);
  } catch (error) {
    const details = (error ?? {}) as {
      message?: unknown;
      lines?: unknown;
      column?: unknown;
      index?: unknown;
    };
    const message = String(details.message ?? error);
    const where: string[] = [];
    if (typeof details.lines === 'number') where.push(`line ${details.lines}`);
    if (details.column !== undefined && details.column !== null) {
      const index = typeof details.index === 'number' ? ` (field ${details.index + 1})` : '';
      where.push(`column ${JSON.stringify(String(details.column))}${index}`);
    }
    throw new CollectionError(`invalid CSV data${where.length ? ` at ${where.join(', ')}` : ''}: ${message}`);
  }
}
