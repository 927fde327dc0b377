import { describe, expect, it } from 'vitest';
import { randomBytes, uuidV4 } from './random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('random ids and bytes without node:crypto', () => {
  it('makes version 4 UUIDs, all different, with every hex digit in use', () => {
    const ids = Array.from({ length: 5000 }, () => uuidV4());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('').replaceAll('-', ''))).toEqual(new Set('0123456789abcdef'));
  });

  it('hands each byte out once: later buffers do not share memory with earlier ones', () => {
    const first = randomBytes(32);
    const copy = Buffer.from(first);
    const second = randomBytes(32);
    second.fill(0);
    expect(first.equals(copy)).toBe(true);
    expect(first.equals(randomBytes(32))).toBe(false);
  });

  it('serves sizes larger than its block, and byte values spread over the range', () => {
    const big = randomBytes(10_000);
    expect(big.length).toBe(10_000);
    const counts = new Array(256).fill(0);
    for (const byte of big) counts[byte]++;
    // 10,000 bytes over 256 values: every value appears, none far more than the expected ~39
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(100);
  });
});
