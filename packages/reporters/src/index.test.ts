import { describe, expect, it } from 'vitest';
import { getReporter, reporters } from './index.ts';

describe('reporter registry', () => {
  it('exposes the built-in reporters by name', () => {
    expect(Object.keys(reporters).sort()).toEqual(['cli', 'html', 'json', 'junit', 'progress']);
    expect(getReporter('junit')).toBe(reporters.junit);
  });

  it('answers undefined for unknown names, including inherited property names', () => {
    expect(getReporter('teamcity')).toBeUndefined();
    expect(getReporter('toString')).toBeUndefined();
    expect(getReporter('__proto__')).toBeUndefined();
  });
});
