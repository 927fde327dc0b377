import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lodashGet, lodashHas } from './object-path.ts';

const require = createRequire(import.meta.url);
const _ = require('lodash') as { has(o: unknown, p: string): boolean; get(o: unknown, p: string): unknown };

const sparse = [1, 2, 3];
delete sparse[1];
const OBJECT = {
  a: { b: [{ c: 1 }, null], 'x.y': 2 },
  'a.b': 'direct',
  list: sparse,
  s: 'text',
  '': { e: 1 },
};
const PATHS = [
  'a',
  'a.b',
  'a.b[0].c',
  'a.b[1]',
  'a.b[1].c',
  'a["x.y"]',
  "a['x.y']",
  'a.x.y',
  'list[1]',
  'list[5]',
  's.length',
  's[0]',
  'missing.deep',
  '.e',
  'a.b.0.c',
  'a[b]',
];

describe('lodash path semantics', () => {
  it.each(PATHS)('_.has / _.get agree for %j', (path) => {
    expect(lodashHas(OBJECT, path)).toBe(_.has(OBJECT, path));
    expect(lodashGet(OBJECT, path)).toEqual(_.get(OBJECT, path));
  });

  it('handles non-objects', () => {
    expect(lodashHas(undefined, 'a')).toBe(false);
    expect(lodashGet(null, 'a.b')).toBeUndefined();
  });
});
