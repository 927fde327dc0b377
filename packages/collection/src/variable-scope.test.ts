import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { VariableDefinition } from './model.ts';
import { coerceVariableValue, VariableScope, variableText } from './variable-scope.ts';

const require = createRequire(import.meta.url);

interface SdkScope {
  get(key: string): unknown;
  has(key: string): boolean;
  set(key: string, value: unknown, type?: string): void;
  unset(key: string): void;
  clear(): void;
  toObject(): Record<string, unknown>;
}
const sdk = require('postman-collection') as {
  VariableScope: new (definition: { values: VariableDefinition[] }) => SdkScope;
};

const SEED: VariableDefinition[] = [
  { key: 'justDisabled', value: '1', disabled: true },
  { key: 'oneDisabled', value: '1' },
  { key: 'oneDisabled', value: '2', disabled: true },
  { key: 'duplicate', value: '1', type: 'text' },
  { key: 'duplicate', value: '2', type: 'text' },
  { key: 'num', value: '42', type: 'number' },
  { key: 'flag', value: 'false', type: 'boolean' },
  { key: 'str', value: 5, type: 'string' },
  { key: 'list', value: '[1,2]', type: 'array' },
  { key: 'obj', value: '{"a":1}', type: 'object' },
  { key: 'badObj', value: '[1]', type: 'object' },
  { key: 'secret', value: 's3cr3t', type: 'secret' },
  { key: 'nothing' },
];

const seed = (): VariableDefinition[] => SEED.map((definition) => ({ ...definition }));
const KEYS = [...new Set(SEED.map((definition) => definition.key)), 'new', 'missing'];

/** Runs the same operations on ours and Postman's scope, comparing every observable after each. */
function compareAfter(ops: Array<(scope: VariableScope | SdkScope) => void>): void {
  const ours = new VariableScope(seed());
  const theirs = new sdk.VariableScope({ values: seed() });
  const observe = (scope: VariableScope | SdkScope) => ({
    values: KEYS.map((key) => [key, scope.has(key), scope.get(key)]),
    object: scope.toObject(),
  });
  expect(observe(ours)).toEqual(observe(theirs));
  for (const op of ops) {
    op(ours);
    op(theirs);
    expect(observe(ours)).toEqual(observe(theirs));
  }
}

describe('VariableScope', () => {
  it('skips disabled entries and lets the last enabled duplicate win', () => {
    const scope = new VariableScope(seed());
    expect(scope.has('justDisabled')).toBe(false);
    expect(scope.get('justDisabled')).toBeUndefined();
    expect(scope.get('oneDisabled')).toBe('1');
    expect(scope.get('duplicate')).toBe('2');
  });

  it('coerces values by type like Postman', () => {
    const scope = new VariableScope(seed());
    expect(scope.get('num')).toBe(42);
    expect(scope.get('flag')).toBe(true);
    expect(scope.get('str')).toBe('5');
    expect(scope.get('list')).toEqual([1, 2]);
    expect(scope.get('obj')).toEqual({ a: 1 });
    expect(scope.get('badObj')).toBeUndefined();
    expect(scope.get('secret')).toBe('s3cr3t');
  });

  it('behaves like postman-collection after reads', () => compareAfter([]));

  it('behaves like postman-collection after set, unset and clear', () =>
    compareAfter([
      (scope) => scope.set('duplicate', 'three'),
      (scope) => scope.set('oneDisabled', 'x'),
      (scope) => scope.set('justDisabled', 'now-enabled'),
      (scope) => scope.set('num', '7'),
      (scope) => scope.set('new', 10, 'string'),
      (scope) => scope.set('flag', 1, 'number'),
      (scope) => scope.set('list', [3, 4]),
      (scope) => scope.unset('duplicate'),
      (scope) => scope.unset('justDisabled'),
      (scope) => scope.set('justDisabled', 'again'),
      (scope) => scope.unset('missing'),
      (scope) => scope.clear(),
      (scope) => scope.set('new', 'fresh'),
    ]));

  it('updates the winning entry in place and appends new keys', () => {
    const values = seed();
    const scope = new VariableScope(values);
    scope.set('duplicate', 'x');
    expect(values[4]).toEqual({ key: 'duplicate', value: 'x', type: 'text' });
    expect(values[3]?.value).toBe('1');
    scope.set('added', 1);
    expect(values.at(-1)).toEqual({ key: 'added', value: 1 });
    expect(scope.values()).toBe(values);
  });

  it('keeps disabled entries on unset and can exclude them from toObject', () => {
    const scope = new VariableScope(seed());
    scope.unset('oneDisabled');
    expect(scope.values().filter((definition) => definition.key === 'oneDisabled')).toEqual([
      { key: 'oneDisabled', value: '2', disabled: true },
    ]);
    expect(scope.toObject()).toHaveProperty('oneDisabled', '2');
    expect(scope.toObject(true)).not.toHaveProperty('oneDisabled');
  });

  it('serialises to a copy of its definitions', () => {
    const scope = new VariableScope([{ key: 'a', value: 1 }]);
    const json = scope.toJSON();
    expect(json).toEqual([{ key: 'a', value: 1 }]);
    json[0]!.value = 2;
    expect(scope.get('a')).toBe(1);
  });
});

describe('coerceVariableValue and variableText', () => {
  it('pass unknown types through', () => {
    expect(coerceVariableValue('x', 'default')).toBe('x');
    expect(coerceVariableValue(3, undefined)).toBe(3);
  });

  it('render text like Postman Variable#toString', () => {
    expect(variableText({ key: 'a' })).toBe('');
    expect(variableText({ key: 'a', value: null })).toBe('null');
    expect(variableText({ key: 'a', value: '3', type: 'number' })).toBe('3');
    expect(variableText({ key: 'a', value: [1, 2] })).toBe('1,2');
    expect(variableText({ key: 'a', value: Object.create(null) })).toBe('');
  });
});
