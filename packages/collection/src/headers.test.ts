import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseHeaderString } from './headers.ts';

const require = createRequire(import.meta.url);
const { Header } = require('postman-collection') as { Header: { parse(block: string): unknown } };

describe('parseHeaderString', () => {
  it('parses one header per line and trims values', () => {
    expect(parseHeaderString('Content-Type: application/json\nX-Empty:\nAuthorization:  Bearer x  ')).toEqual(
      [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'X-Empty', value: '' },
        { key: 'Authorization', value: 'Bearer x' },
      ],
    );
  });

  it('ignores lines without a name and colon', () => {
    expect(parseHeaderString('garbage\n: no-name\nA: 1\n\n')).toEqual([{ key: 'A', value: '1' }]);
  });

  it.each([
    'A: 1\r\nB: 2\r\n',
    'X-Time: 10:30\nHost:example.com:80',
    'A: 1\n  not folded\nB: x y z',
    'Key With Space: v\nK: a\tb',
    '',
  ])('matches postman-collection Header.parse for %j', (block) => {
    expect(parseHeaderString(block)).toEqual(Header.parse(block));
  });
});
