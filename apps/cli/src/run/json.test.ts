import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { findJsonSyntaxError, parseJsonDocument } from './json.ts';

const source = { what: 'collection', location: 'c.json' };

describe('parseJsonDocument', () => {
  it('returns the parsed value of valid JSON', () => {
    expect(parseJsonDocument('{"a":[1,true,null,"x"]}', source)).toEqual({ a: [1, true, null, 'x'] });
  });

  it('names the file, line and column of a syntax error', () => {
    const text = '{\n  "info": {},\n  "item": [\n    {"name": }\n  ]\n}';
    let error: unknown;
    try {
      parseJsonDocument(text, source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toBe(
      `collection is not valid JSON: unexpected "}" at line 4, column 14 (c.json)`,
    );
  });
});

describe('findJsonSyntaxError', () => {
  it('returns undefined for valid JSON', () => {
    for (const valid of ['{}', '[]', ' 1 ', '"\\u00e9\\n"', '{"a":{"b":[-1.5e+3,0]}}', 'null']) {
      expect(findJsonSyntaxError(valid)).toBeUndefined();
    }
  });

  it.each([
    ['', 1, 1, 'unexpected end of input'],
    ['{"a":1', 1, 7, 'unexpected end of input'],
    ['{"a":1,}', 1, 8, "trailing comma before '}'"],
    ['[1,2,]', 1, 6, "trailing comma before ']'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' after a property value"],
    ['[1 2]', 1, 4, "expected ',' or ']' after an array element"],
    ["{'a':1}", 1, 2, 'expected a property name in double quotes'],
    ['{"a" 1}', 1, 6, "expected ':' after a property name"],
    ['{"a":tru}', 1, 6, 'unexpected "t"'],
    ['{"a":"x\ny"}', 1, 8, 'control character (such as a raw line break) inside a string'],
    ['{"a":"\\q"}', 1, 7, 'invalid escape sequence in a string'],
    ['{"a":01}', 1, 7, "expected ',' or '}' after a property value"],
    ['{"a":"x', 1, 8, 'unterminated string'],
    ['{} {}', 1, 4, 'unexpected "{" after the end of the JSON value'],
  ])('locates the error in %j', (text, line, column, problem) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, problem });
    expect(() => JSON.parse(text)).toThrow();
  });
});
