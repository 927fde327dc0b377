import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../test/seeded-random.ts';
import { reachOf } from './scope.ts';

/** The definition `reachOf` keeps: a name is reached where the code spells it as a whole word. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function spells(code: string, name: string): boolean {
  for (let at = code.indexOf(name); at !== -1; at = code.indexOf(name, at + 1)) {
    const before = at === 0 ? Number.NaN : code.charCodeAt(at - 1);
    if (!isWordCode(before) && !isWordCode(code.charCodeAt(at + name.length))) return true;
  }
  return false;
}

function reachBySearch(code: string): (name: string) => boolean {
  if (code.includes('\\u') || spells(code, 'eval')) return () => true;
  return (name) => spells(code, name);
}

const NAMES = [
  'pm',
  'postman',
  'tests',
  'responseBody',
  '_',
  '$',
  'a$b',
  'x1',
  'eval',
  'this',
  'Object',
  'Buffer',
];
const PIECES = [
  ...NAMES,
  ' ',
  '.',
  '(',
  ')',
  "'",
  '"',
  '\n',
  '1',
  '_x',
  'é',
  '$',
  '\\u0070m',
  '/*',
  '*/',
  '{',
  '}',
  ';',
];

describe('reachOf', () => {
  it('answers as searching the code for each name does, for generated scripts and every name', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 3000; n++) {
      let code = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) code += PIECES[Math.floor(random() * PIECES.length)];
      const one = reachBySearch(code);
      const all = reachOf(code);
      for (const name of NAMES) expect([code, name, all(name)]).toEqual([code, name, one(name)]);
    }
  });

  it('reaches everything from a direct eval or a \\u escape, and only whole words otherwise', () => {
    expect(reachOf('eval(x)')('anything')).toBe(true);
    expect(reachOf('p\\u006D.test()')('anything')).toBe(true);
    const reach = reachOf("pm.test('a', () => xpm + pm_ + $pm)");
    expect(['pm', 'xpm', 'pm_', '$pm', 'test', 'a'].map(reach)).toEqual([true, true, true, true, true, true]);
    expect(['p', 'm', 'evaluate', 'this'].map(reach)).toEqual([false, false, false, false]);
  });
});
