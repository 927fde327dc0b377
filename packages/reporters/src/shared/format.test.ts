import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, padLeft } from './format.ts';

describe('formatBytes', () => {
  it("matches Newman's filesize output", () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(174)).toBe('174B');
    expect(formatBytes(1000)).toBe('1kB');
    expect(formatBytes(1234)).toBe('1.23kB');
    expect(formatBytes(10240)).toBe('10.24kB');
    expect(formatBytes(999_999)).toBe('1MB');
    expect(formatBytes(1_234_567)).toBe('1.23MB');
    expect(formatBytes(5e9)).toBe('5GB');
  });
});

describe('formatDuration', () => {
  it("matches Newman's prettyms output", () => {
    expect(formatDuration(0.5)).toBe('500µs');
    expect(formatDuration(45.7)).toBe('45ms');
    expect(formatDuration(1997)).toBe('1997ms');
    expect(formatDuration(1998)).toBe('1.9s');
    expect(formatDuration(2000)).toBe('2s');
    expect(formatDuration(59_999)).toBe('59.9s');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(65_432)).toBe('1m 5.4s');
    expect(formatDuration(3_723_000)).toBe('1h 2m 3s');
    expect(formatDuration(90_061_000)).toBe('1d 1h 1m 1s');
  });
});

describe('padLeft', () => {
  it('pads to the width with the fill character', () => {
    expect(padLeft(3, 3)).toBe('  3');
    expect(padLeft(7, 2, '0')).toBe('07');
    expect(padLeft(123, 2)).toBe('123');
  });
});
