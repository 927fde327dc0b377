import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json-parse.ts';

const require = createRequire(import.meta.url);
const liquidJson = require('liquid-json') as { parse(text: string): unknown };

function outcome(parse: (text: string) => unknown, text: string): unknown {
  try {
    return { value: parse(text) };
  } catch (err) {
    const e = err as Error;
    return { name: e.name, message: e.message };
  }
}

const CASES = [
  '{"a":1}',
  '\ufeff{"a":[1,2,{"b":null}]}',
  'abc',
  '',
  '   ',
  '{"a":1,}',
  '[1,2,]',
  '[1,,2]',
  '{"a":',
  '[1,2',
  '{"a": tru}',
  '  \n {x:1}',
  '{"a":1} x',
  '{"a":"\\q"}',
  '"a\nb"',
  '{"a":"\u0001"}',
  '{"a":01}',
  '{"a":1.}',
  '{"a":-}',
  '{"a":"\\u12G4"}',
  '<html><body>Not found</body></html>',
  '{\r\n  "a": 1,\r\n  "b": [1, 2\r\n}',
  '{"k":"' + 'x'.repeat(120) + '" y}',
  '{"a":1}\n\n}',
  '[1, 2, 3] // comment',
  "{'a': 1}",
  'NaN',
  '{"a":1e5, "b": -0.5E-3, "c": 1.2.3}',
  '{1:2}',
  '{"a"}',
  '{"a":1 "b":2}',
  'nul',
  '{"a":\t\tx}',
];

describe('parseJson', () => {
  it.each(CASES)('matches Postman (liquid-json) for %j', (text) => {
    expect(outcome(parseJson, text)).toEqual(outcome(liquidJson.parse, text));
  });

  it('passes a reviver through', () => {
    expect(parseJson('{"a":1}', (k, v) => (k === 'a' ? 2 : v))).toEqual({ a: 2 });
  });
});
