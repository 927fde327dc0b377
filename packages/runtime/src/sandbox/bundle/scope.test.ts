import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../test/seeded-random.ts';
import { reachOf, reachOfAll } from './scope.ts';

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

describe('reachOfAll', () => {
  it('answers as reachOf does, for generated scripts and every name', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 3000; n++) {
      let code = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) code += PIECES[Math.floor(random() * PIECES.length)];
      const one = reachOf(code);
      const all = reachOfAll(code);
      for (const name of NAMES) expect([code, name, all(name)]).toEqual([code, name, one(name)]);
    }
  });

  it('reaches everything from a direct eval or a \\u escape, and only whole words otherwise', () => {
    expect(reachOfAll('eval(x)')('anything')).toBe(true);
    expect(reachOfAll('p\\u006D.test()')('anything')).toBe(true);
    const reach = reachOfAll("pm.test('a', () => xpm + pm_ + $pm)");
    expect(['pm', 'xpm', 'pm_', '$pm', 'test', 'a'].map(reach)).toEqual([true, true, true, true, true, true]);
    expect(['p', 'm', 'evaluate', 'this'].map(reach)).toEqual([false, false, false, false]);
  });
});
