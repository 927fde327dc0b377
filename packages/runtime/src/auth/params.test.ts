import { describe, expect, it } from 'vitest';
import { paramsToMap, setSystemParam } from './params.ts';

describe('paramsToMap', () => {
  it('casts by type like postman-collection and lets the last duplicate win', () => {
    expect(
      paramsToMap([
        { key: 'username', value: 'u', type: 'string' },
        { key: 'n', value: 5, type: 'string' },
        { key: 'flag', value: 'false', type: 'boolean' },
        { key: 'count', value: '3', type: 'number' },
        { key: 'obj', value: { a: 1 }, type: 'any' },
        { key: 'username', value: 'last' },
        { key: 'missing', type: 'string' },
      ]),
    ).toEqual({ username: 'last', n: '5', flag: true, count: 3, obj: { a: 1 }, missing: undefined });
    expect(paramsToMap(undefined)).toEqual({});
  });
});

describe('setSystemParam', () => {
  it('fills only missing or empty user values, and overwrites its own', () => {
    const params: Record<string, unknown> = { realm: 'mine', nonce: '', count: Number.NaN };
    setSystemParam(params, 'realm', 'theirs');
    setSystemParam(params, 'nonce', 'n1');
    setSystemParam(params, 'count', 1);
    setSystemParam(params, 'added', 'a');
    expect(params).toEqual({ realm: 'mine', nonce: 'n1', count: 1, added: 'a' });
    setSystemParam(params, 'nonce', 'n2');
    expect(params.nonce).toBe('n2');
  });
});
