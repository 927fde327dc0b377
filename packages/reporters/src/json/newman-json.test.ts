import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/seeded-random.ts';
import { byteList } from './newman-json.ts';

describe('byteList', () => {
  it('writes what Buffer#join(",") writes, for every byte value and for nothing', () => {
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(byteList(every)).toBe(every.join(','));
    expect(byteList(Buffer.alloc(0))).toBe('');
    expect(byteList(Buffer.from([7]))).toBe('7');
    const random = seededRandom(42);
    const bytes = Buffer.from(Array.from({ length: 1000 }, () => Math.floor(random() * 256)));
    expect(byteList(bytes)).toBe(bytes.join(','));
  });
});
