import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stripJsonComments } from './json-comments.ts';

// The module postman-runtime uses, for comparison only.
const require = createRequire(import.meta.url);
const reference = require('strip-json-comments') as (
  text: string,
  options: { whitespace: boolean },
) => string;

const CASES = [
  '{"a": 1 // one\n}',
  '{"a": 1 // windows\r\n, "b": 2}',
  '{"url": "http://example.com/*not*/"} /* real */',
  '{"q": "say \\"//hi\\"" // c\n}',
  '{"backslash": "\\\\"} // after escaped backslash\n',
  '/* unterminated',
  '{"a": 1} // no newline at end',
  '/**/{}/*/ still comment */',
  '{"a": "/* inside */", /* x */ "b": "// inside"}',
  'no comments at all',
  '"unterminated string // not a comment',
];

describe('stripJsonComments matches strip-json-comments (whitespace: false)', () => {
  for (const text of CASES) {
    it(JSON.stringify(text), () => {
      expect(stripJsonComments(text)).toBe(reference(text, { whitespace: false }));
    });
  }
});
