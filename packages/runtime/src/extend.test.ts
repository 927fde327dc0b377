import { describe, expect, it } from 'vitest';
import { extend } from './extend.ts';

describe('extend', () => {
  it('copies the base with the fields set, leaving the base alone', () => {
    const base = { a: 1, b: 2 };
    const out = extend(base, { b: 3, c: 4 });
    expect(out).toEqual({ a: 1, b: 3, c: 4 });
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(out).not.toBe(base);
  });

  it('keeps an own __proto__ key of the base a plain property, as a spread does', () => {
    const base = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = extend(base, { b: 2 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(out.polluted).toBeUndefined();
    expect(out).toEqual({ ...base, b: 2 });
  });
});
