import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { VariableDefinition } from './model.ts';
import { createLookup, substitute, substituteDeep } from './substitute.ts';
import { VariableScope } from './variable-scope.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as {
  Property: { replaceSubstitutions(template: string, variables: unknown[]): string };
  VariableList: new (parent: null, values: VariableDefinition[]) => unknown;
};

const fromRecord = (values: Record<string, unknown>) => (name: string) => values[name];

describe('substitute', () => {
  it('replaces references and leaves unresolved ones as written', () => {
    expect(substitute('{{base}}/users/{{id}}?x={{missing}}', fromRecord({ base: 'http://a', id: 7 }))).toBe(
      'http://a/users/7?x={{missing}}',
    );
  });

  it('resolves nested references inside-out', () => {
    const lookup = fromRecord({
      env: 'prod',
      host_prod: 'p.test',
      url: '{{scheme}}://{{host_{{env}}}}',
      scheme: 'https',
    });
    expect(substitute('{{url}}/x', lookup)).toBe('https://p.test/x');
  });

  it('allows any characters except braces in a name, even an empty name', () => {
    const lookup = fromRecord({ ' spaced ': 's', 'a.b/c:d': 'x', '': 'empty', $x: 'd' });
    expect(substitute('{{ spaced }}|{{a.b/c:d}}|{{}}|{{$x}}|{{a{b}}', lookup)).toBe('s|x|empty|d|{{a{b}}');
  });

  it('stops after 19 passes on self-referencing values', () => {
    let calls = 0;
    const result = substitute('{{a}}', (name) => {
      calls++;
      return name === 'a' ? '{{a}}x' : undefined;
    });
    expect(result).toBe('{{a}}' + 'x'.repeat(19));
    expect(calls).toBe(19);
  });

  it('stringifies values like Postman: numbers, booleans, objects, arrays, functions', () => {
    const lookup = fromRecord({
      n: 0,
      f: false,
      o: { a: 1 },
      arr: [1, 2],
      fn: () => 'called',
      nul: null,
      und: undefined,
    });
    expect(substitute('{{n}} {{f}} {{o}} {{arr}} {{fn}} {{nul}} {{und}}', lookup)).toBe(
      '0 false [object Object] 1,2 called {{nul}} {{und}}',
    );
  });

  it('returns the template itself when there is nothing to replace', () => {
    const template = 'no references here';
    expect(substitute(template, () => 'x')).toBe(template);
  });

  it.each([
    '{{a}}',
    '{{a_{{b}}}}',
    '{{{{b}}}}',
    '{{a}}{{a}}{{missing}}{{c}}',
    '{{loop}}',
    'plain {{ a }} {{a}}}}',
    '{{d1}}',
    '{{deep}}',
  ])('matches postman-collection for %s', (template) => {
    const values: Record<string, unknown> = {
      a: 'A',
      b: 'B',
      a_B: 'AB',
      B: 'bee',
      c: 3,
      loop: '{{loop}}',
      ' a ': 'spaced',
      d1: '{{d2}}',
      d2: '{{d3}}',
      d3: 'end',
      deep: Array.from({ length: 25 }, (_, i) => `{{l${i}}}`).join(''),
    };
    for (let i = 0; i < 25; i++) values[`l${i}`] = i < 24 ? `{{l${i + 1}}}` : 'bottom';
    values.deep = '{{l0}}';
    expect(substitute(template, fromRecord(values))).toBe(
      sdk.Property.replaceSubstitutions(template, [values]),
    );
  });
});

describe('substitute scanning', () => {
  /** The reference pattern from postman-collection's Substitutor, applied the same number of passes. */
  function regexSubstitute(template: string, lookup: (name: string) => unknown): string {
    let text = template;
    for (let pass = 0; pass < 19; pass++) {
      let replacements = 0;
      text = text.replace(/\{\{([^{}]*?)}}/g, (match, name: string) => {
        replacements++;
        const value = lookup(name);
        return typeof value === 'string' ? value : match;
      });
      if (!replacements) break;
    }
    return text;
  }

  it('finds exactly the references the regular expression finds, on random brace soup', () => {
    const alphabet = ['{', '}', '{{', '}}', 'a', 'b', ' ', '$'];
    const lookup = (name: string) =>
      name === 'a' ? 'A' : name === 'b' ? '{{a}}' : name === '' ? '{' : undefined;
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let sample = 0; sample < 3000; sample++) {
      let template = '';
      const length = Math.floor(random() * 16);
      for (let i = 0; i < length; i++) template += alphabet[Math.floor(random() * alphabet.length)];
      expect(substitute(template, lookup), template).toBe(regexSubstitute(template, lookup));
    }
  });
});

describe('substituteDeep', () => {
  it('substitutes strings in nested objects and arrays, keeping keys and other values', () => {
    const input = { '{{k}}': '{{v}}', list: ['{{v}}', 1, true, null, { deep: 'x{{v}}' }], n: 2 };
    expect(substituteDeep(input, fromRecord({ v: 'V', k: 'K' }))).toEqual({
      '{{k}}': 'V',
      list: ['V', 1, true, null, { deep: 'xV' }],
      n: 2,
    });
  });

  it('returns the same object when nothing changes and does not mutate the input', () => {
    const input = { a: ['x', { b: 'y' }] };
    expect(substituteDeep(input, () => 'z')).toBe(input);
    const withRef = { a: ['{{x}}'], keep: { b: 'y' } };
    const out = substituteDeep(withRef, () => 'z');
    expect(out).toEqual({ a: ['z'], keep: { b: 'y' } });
    expect(withRef.a[0]).toBe('{{x}}');
    expect(out.keep).toBe(withRef.keep);
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: '{{x}}' };
    cyclic.self = cyclic;
    const out = substituteDeep(cyclic, () => 'z') as Record<string, unknown>;
    expect(out.a).toBe('z');
  });
});

describe('createLookup', () => {
  const env = new VariableScope([
    { key: 'host', value: 'env.test' },
    { key: 'off', value: 'hidden', disabled: true },
    { key: 'nothing' },
    { key: 'nul', value: null },
    { key: 'num', value: '5', type: 'number' },
    { key: 'bool', value: 'false', type: 'boolean' },
  ]);
  const globals = new VariableScope([
    { key: 'host', value: 'global.test' },
    { key: 'off', value: 'global-off' },
  ]);
  const data = { user: 'alice', blank: null };
  const dynamic = (name: string) => (name === '$guid' ? 'GUID' : undefined);

  it('resolves from the highest scope that defines a name, dynamic variables last', () => {
    const lookup = createLookup([undefined, data, env, globals], dynamic);
    expect(substitute('{{host}} {{off}} {{user}} {{$guid}} {{$nope}}', lookup)).toBe(
      'env.test global-off alice GUID {{$nope}}',
    );
  });

  it('lets a defined variable shadow a dynamic one', () => {
    const lookup = createLookup([new VariableScope([{ key: '$guid', value: 'mine' }])], dynamic);
    expect(substitute('{{$guid}}', lookup)).toBe('mine');
  });

  it('gives variable text like Postman: undefined → empty, null → "null", types coerced', () => {
    const lookup = createLookup([env]);
    expect(substitute('[{{nothing}}] [{{nul}}] [{{num}}] [{{bool}}]', lookup)).toBe('[] [null] [5] [true]');
  });

  it('stops at a data row that has the name, even with a null value', () => {
    const lookup = createLookup([data, new VariableScope([{ key: 'blank', value: 'lower' }])]);
    expect(substitute('{{blank}}', lookup)).toBe('{{blank}}');
  });

  it('matches postman-collection with variable lists and plain objects', () => {
    const envValues: VariableDefinition[] = [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
      { key: 'a', value: '3', disabled: true },
      { key: 'u' },
      { key: 'n', value: null },
      { key: 'o', value: { x: 1 } },
      { key: 't', value: '12', type: 'number' },
    ];
    const row = { r: 'row', z: 0 };
    const template = '{{a}}|{{u}}|{{n}}|{{o}}|{{t}}|{{r}}|{{z}}|{{q}}';
    const ours = substitute(
      template,
      createLookup([row, new VariableScope(envValues.map((v) => ({ ...v })))]),
    );
    const theirs = sdk.Property.replaceSubstitutions(template, [row, new sdk.VariableList(null, envValues)]);
    expect(ours).toBe(theirs);
  });
});
