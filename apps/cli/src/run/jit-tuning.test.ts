import type { Collection } from '@postern/collection';
import { describe, expect, it } from 'vitest';
import { isLargeRun } from './jit-tuning.ts';

const collection = (requests: number, inFolder = false): Collection => {
  const items = Array.from({ length: requests }, (_, i) => ({
    id: `i${i}`,
    name: `r${i}`,
    event: [],
    variable: [],
    request: { url: { raw: 'http://127.0.0.1/' }, method: 'GET', header: [] },
  }));
  const item = inFolder ? [{ id: 'f', name: 'folder', event: [], variable: [], item: items }] : items;
  return {
    info: { _postman_id: 'c', name: 'c', schema: '' },
    item,
    event: [],
    variable: [],
  } as unknown as Collection;
};

describe('isLargeRun', () => {
  it('counts the requests of every folder, times the iterations', () => {
    expect(isLargeRun(collection(1), 1)).toBe(false);
    expect(isLargeRun(collection(99), 1)).toBe(false);
    expect(isLargeRun(collection(100), 1)).toBe(true);
    expect(isLargeRun(collection(10, true), 10)).toBe(true);
    expect(isLargeRun(collection(10, true), 9)).toBe(false);
  });
});
