// biome-ignore lint/style/noRestrictedImports: tests read the conformance corpus from disk; the package itself stays browser-safe
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../test/shared-corpus.ts';
import { CollectionError } from './errors.ts';
import { parseIterationData } from './iteration-data.ts';
import { decodeDocument } from './json-document.ts';

const require = createRequire(import.meta.url);
// Newman's own pieces, as the reference: its csv-parse (Node build) and its number tests.
const csvParseSync = require('csv-parse/lib/sync') as (input: string, options: unknown) => unknown;
const newmanUtil = require('newman/lib/util') as { isInt(v: string): boolean; isFloat(v: string): boolean };

function newmanCsv(text: string): unknown {
  return csvParseSync(text, {
    columns: true,
    escape: '"',
    cast: (value: string, context: { quoting: boolean }) => {
      if (context.quoting) return value;
      if (newmanUtil.isInt(value)) return Number.parseInt(value, 10);
      if (newmanUtil.isFloat(value)) return Number.parseFloat(value);
      return value;
    },
    trim: true,
    relax: true,
    relax_column_count: true,
    bom: true,
  });
}

const CORPUS = [
  `${SHARED_CONFORMANCE}/newman-integration/csv-with-bom/csv-with-bom.postman_data.csv`,
  `${SHARED_CONFORMANCE}/newman-integration/comma-test-csv/comma-test-csv.postman_data.csv`,
  `${SHARED_CONFORMANCE}/newman-integration/custom-http-method/upload-file.csv`,
  `${SHARED_CONFORMANCE}/s2-flow.data.csv`,
];

describe('parseIterationData (CSV)', () => {
  it.each(CORPUS)('parses %s exactly like Newman', (path) => {
    const text = decodeDocument(readFileSync(path));
    expect(parseIterationData(text, 'csv')).toEqual(newmanCsv(text));
  });

  it('strips the BOM and keeps quoted numbers as text', () => {
    const text = decodeDocument(readFileSync(CORPUS[0]!));
    expect(parseIterationData(text, 'csv')).toEqual([{ c1: '123', c2: 'foo "bar" baz' }]);
  });

  it('handles commas, escaped quotes, spaces and number casting like the comma-test sample', () => {
    const [row] = parseIterationData(decodeDocument(readFileSync(CORPUS[1]!)), 'csv');
    expect(row).toEqual({
      nameWithComma: 'Abhijit, Kane',
      nameWithDoubleQuotes: 'Abhijit "KDOS" Kane',
      numberWithQuotes: '00123',
      numberWithoutQuotes: 7890,
      negativeNumberWithoutQuotes: -7890,
      nullValue: '',
      longNumber: '89111702272002019559',
      spaceAfterComma: 'foo',
      spaceBeforeComma: 'bar',
      nameWithUnescapedQuotes: 'Abhijit "KDOS" Kane',
    });
  });

  it.each([
    'a,b\n0,007\n0x10,1e3\n-0,+5\n1.50,.5\n',
    'a,b\n1,2,3\n4\n\n5,6\n',
    'a\r\nx\r\n',
    'name,empty\n"quoted ""x""",\n',
    ' a , b \n 1 , two \n',
    'a,a\n1,2\n',
    '',
    'only,header\n',
    'n\n9007199254740993\n',
    'n\nInfinity\nNaN\ntrue\n',
  ])('matches Newman on %j', (text) => {
    expect(parseIterationData(text, 'csv')).toEqual(newmanCsv(text));
  });

  it('reports a bad CSV with its line and column', () => {
    expect(() => parseIterationData('a,b\n"x"y,2\n', 'csv')).toThrow(CollectionError);
    expect(() => parseIterationData('a,b\n"x"y,2\n', 'csv')).toThrow(
      /^invalid CSV data at line 2, column "a" \(field 1\): /,
    );
    expect(() => parseIterationData('a,b\n1,"open\n', 'csv')).toThrow(/line 2.*Quote Not Closed/);
  });
});

describe('parseIterationData (JSON)', () => {
  it('reads an array of objects, ignoring a BOM', () => {
    expect(parseIterationData('\uFEFF[{"a":1},{"a":"x"}]', 'json')).toEqual([{ a: 1 }, { a: 'x' }]);
  });

  it('rejects anything that is not an array of objects', () => {
    expect(() => parseIterationData('{"a":1}', 'json')).toThrow(
      'iteration data must be an array of objects, got an object',
    );
    expect(() => parseIterationData('[{"a":1}, 3]', 'json')).toThrow(
      '[1]: iteration data rows must be objects, got a number',
    );
    expect(() => parseIterationData('[[1]]', 'json')).toThrow(
      '[0]: iteration data rows must be objects, got an array',
    );
    expect(() => parseIterationData('[1,', 'json')).toThrow(/^the iteration data file is not valid JSON: /);
  });

  it("in 'auto' mode tries JSON first and falls back to CSV, like Newman", () => {
    expect(parseIterationData('[{"a":1}]', 'auto')).toEqual([{ a: 1 }]);
    expect(parseIterationData('a,b\n1,x\n', 'auto')).toEqual([{ a: 1, b: 'x' }]);
    expect(() => parseIterationData('42', 'auto')).toThrow(/must be an array of objects, got a number/);
  });
});
