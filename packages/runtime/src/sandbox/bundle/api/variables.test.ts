import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeInput, runScript } from './test-harness.ts';
import { VariableScope } from './variable-scope.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as {
  VariableScope: new (
    def: unknown,
  ) => {
    get(k: string): unknown;
    has(k: string): boolean;
    set(k: string, v: unknown, t?: string): void;
    unset(k: string): void;
    clear(): void;
    toObject(): Record<string, unknown>;
    replaceIn(t: unknown): unknown;
    values: { toJSON(): Array<{ key: string; value: unknown; type?: string; disabled?: boolean }> };
    addLayer(list: unknown): void;
  };
};

const noDynamic = (): undefined => undefined;

const DEFINITIONS = [
  { key: 'host', value: 'api.example.com', type: 'default' },
  { key: 'port', value: 8080, type: 'any' },
  { key: 'off', value: 'hidden', disabled: true },
  { key: 'dup', value: 'first' },
  { key: 'dup', value: 'second' },
  { key: 'dupOff', value: 'on' },
  { key: 'dupOff', value: 'off', disabled: true },
  { key: 'nul', value: null },
  { key: 'nested', value: '{{host}}:{{port}}' },
  { key: 'num', value: '42', type: 'number' },
  { key: 'flag', value: 'false', type: 'boolean' },
  { key: 'obj', value: '{"a":1}', type: 'object' },
  { key: 'arr', value: '[1,2]', type: 'array' },
];

type Op = [string, ...unknown[]];
const OPERATIONS: Op[] = [
  ['set', 'host', 'other.example.com'],
  ['set', 'fresh', 5],
  ['set', 'off', 'now on'],
  ['set', 'typed', '7', 'number'],
  ['set', 'num', '13'],
  ['set', 'flag', 0],
  ['set', 'obj', { b: [2] }],
  ['unset', 'dup'],
  ['unset', 'dupOff'],
  ['unset', 'missing'],
];

const KEYS = [
  'host',
  'port',
  'off',
  'dup',
  'dupOff',
  'nul',
  'nested',
  'num',
  'flag',
  'obj',
  'arr',
  'fresh',
  'typed',
  'missing',
];

function observe(scope: {
  get(k: string): unknown;
  has(k: string): boolean;
  toObject(): Record<string, unknown>;
  replaceIn(t: unknown): unknown;
}): unknown {
  return {
    get: KEYS.map((k) => scope.get(k)),
    has: KEYS.map((k) => scope.has(k)),
    object: scope.toObject(),
    replaced: scope.replaceIn('{{nested}}/{{nul}}/{{missing}}/{{obj}}/{{arr}}/{{flag}}/{{a_{{dup}}}}'),
    replacedObject: scope.replaceIn({ a: ['{{host}}', 1, { b: '{{num}}' }] }),
  };
}

describe('VariableScope (compared with postman-collection)', () => {
  it('gets, sets, unsets and substitutes like Postman', () => {
    const theirs = new sdk.VariableScope({ values: structuredClone(DEFINITIONS) });
    const ours = new VariableScope(structuredClone(DEFINITIONS), noDynamic);
    expect(observe(ours)).toEqual(observe(theirs));
    for (const [op, ...args] of OPERATIONS) {
      (theirs as unknown as Record<string, (...a: unknown[]) => void>)[op]!(...args);
      (ours as unknown as Record<string, (...a: unknown[]) => void>)[op]!(...args);
      expect(observe(ours)).toEqual(observe(theirs));
    }
    const theirValues = theirs.values.toJSON().map((v) => [v.key, v.value, v.disabled ?? false]);
    const ourValues = ours.toDefinitions().map((v) => [v.key, v.value, v.disabled ?? false]);
    expect(ourValues).toEqual(theirValues);
    ours.clear();
    theirs.clear();
    expect(observe(ours)).toEqual(observe(theirs));
  });

  it('keeps declared type names and extra fields in the output', () => {
    const scope = new VariableScope(
      [{ key: 's', value: 'x', type: 'secret', allowedDomains: ['a.com'] }],
      noDynamic,
    );
    scope.set('s', 'y');
    scope.set('n', 1, 'number');
    expect(scope.toDefinitions()).toEqual([
      { key: 's', value: 'y', type: 'secret', allowedDomains: ['a.com'] },
      { key: 'n', value: 1, type: 'number' },
    ]);
  });

  it("carries values out of the script as Newman's sandbox bridge does", () => {
    const values = {
      undef: undefined,
      nan: Number.NaN,
      inf: -Infinity,
      fn: () => 1,
      obj: { a: undefined, b: 1 },
    };
    const shared = new VariableScope([{ key: 'fromFile' }], noDynamic);
    const local = new VariableScope([], noDynamic);
    for (const [key, value] of Object.entries(values)) {
      shared.set(key, value);
      local.set(key, value);
    }
    const valuesIn = (defs: Array<{ key: string; value?: unknown }>) =>
      Object.fromEntries(defs.map((d) => [d.key, 'value' in d ? d.value : '<unset>']));
    // a variable that never had a value stays without one; what a script set to undefined is null
    expect(valuesIn(shared.toDefinitions())).toEqual({
      fromFile: '<unset>',
      undef: null,
      nan: null,
      inf: null,
      fn: null,
      obj: { b: 1 },
    });
    expect(valuesIn(local.toDefinitions(true))).toEqual({
      undef: '<unset>',
      nan: null,
      inf: null,
      fn: {},
      obj: { b: 1 },
    });
  });

  it('resolves {{$dynamic}} names through the bridge only when no variable has that name', () => {
    const scope = new VariableScope([{ key: '$own', value: 'mine' }], (name) =>
      name === '$guid' ? 'GUID' : undefined,
    );
    expect(scope.replaceIn('{{$guid}} {{$own}} {{$unknown}}')).toBe('GUID mine {{$unknown}}');
  });
});

describe('pm variable scopes', () => {
  const input = makeInput({
    scopes: {
      globals: [
        { key: 'g', value: 'global' },
        { key: 'shared', value: 'from globals' },
      ],
      collectionVariables: [
        { key: 'c', value: 'collection' },
        { key: 'shared', value: 'from collection' },
      ],
      environment: [
        { key: 'e', value: 'environment' },
        { key: 'shared', value: 'from environment' },
      ],
      local: [{ key: 'l', value: 'local' }],
      data: { d: 'data', shared: 'from data' },
    },
  });

  it('resolves local > data > environment > collection > globals', async () => {
    const { output } = await runScript(
      `
      pm.test('precedence', () => {
        pm.expect(pm.variables.get('shared')).to.equal('from data');
        pm.variables.set('shared', 'from local');
        pm.expect(pm.variables.get('shared')).to.equal('from local');
        pm.expect(pm.variables.toObject()).to.include({ g: 'global', c: 'collection', e: 'environment', d: 'data', l: 'local' });
        pm.expect(pm.variables.replaceIn('{{g}}-{{c}}-{{e}}-{{d}}-{{l}}-{{shared}}')).to.equal('global-collection-environment-data-local-from local');
        pm.expect(pm.iterationData.get('d')).to.equal('data');
        pm.expect(pm.iterationData.toObject()).to.deep.equal({ d: 'data', shared: 'from data' });
        pm.expect(pm.variables.has('g')).to.be.true;
        pm.environment.set('e', 'changed');
        pm.expect(pm.variables.get('e')).to.equal('changed');
      });
    `,
      input,
    );
    expect(output.assertions[0]?.error).toBeUndefined();
    expect(output.scopes.local).toEqual([
      { key: 'l', value: 'local', type: 'any' },
      { key: 'shared', value: 'from local', type: 'any' },
    ]);
    expect(output.scopes.environment[0]).toEqual({ key: 'e', value: 'changed', type: 'any' });
  });

  it('names the environment and globals when the engine passes their identity', async () => {
    const { output } = await runScript(
      `pm.test('names', () => {
        pm.expect(pm.environment.name).to.equal('Staging');
        pm.expect(pm.globals.id).to.equal('g-1');
        pm.expect(pm.collectionVariables.name).to.equal(undefined);
      });`,
      { ...input, scopeInfo: { environment: { id: 'e-1', name: 'Staging' }, globals: { id: 'g-1' } } },
    );
    expect(output.assertions[0]?.error).toBeUndefined();
  });

  it('reflects mutations of every scope in finish().scopes and keeps data unchanged', async () => {
    const { output } = await runScript(
      `
      pm.globals.set('g2', 2);
      pm.globals.unset('g');
      pm.collectionVariables.set('c', { deep: true });
      pm.environment.clear();
      pm.environment.set('n', 5);
      pm.iterationData.set('d', 'ignored');
    `,
      input,
    );
    expect(output.scopes.globals).toEqual([
      { key: 'shared', value: 'from globals', type: 'any' },
      { key: 'g2', value: 2, type: 'any' },
    ]);
    expect(output.scopes.collectionVariables[0]).toEqual({ key: 'c', value: { deep: true }, type: 'any' });
    expect(output.scopes.environment).toEqual([{ key: 'n', value: 5, type: 'any' }]);
    expect(output.scopes.data).toEqual({ d: 'data', shared: 'from data' });
  });

  it('legacy postman.* setters stringify values and update the legacy copies', async () => {
    const { output } = await runScript(
      `
      postman.setEnvironmentVariable('n', 5);
      postman.setEnvironmentVariable('zero', 0);
      postman.setGlobalVariable('o', { a: 1 });
      postman.setGlobalVariable('f', false);
      pm.test('copies', () => {
        pm.expect(environment.n).to.equal('5');
        pm.expect(postman.getEnvironmentVariable('zero')).to.equal(0);
        pm.expect(globals.o).to.equal('[object Object]');
        pm.expect(postman.getGlobalVariable('f')).to.equal(false);
        pm.expect(data).to.deep.equal({ d: 'data', shared: 'from data' });
      });
      postman.clearEnvironmentVariable('e');
      postman.clearGlobalVariables();
    `,
      input,
    );
    expect(output.assertions[0]?.error).toBeUndefined();
    expect(output.scopes.environment.map((v) => [v.key, v.value])).toEqual([
      ['shared', 'from environment'],
      ['n', '5'],
      ['zero', 0],
    ]);
    expect(output.scopes.globals).toEqual([]);
  });
});
