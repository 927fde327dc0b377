/**
 * `{{name}}` substitution with Postman's exact rules (postman-collection's Substitutor):
 * - a reference is `{{` + any characters except `{` and `}` + `}}` (spaces, dots, `$`, even an
 *   empty name are allowed);
 * - the whole string is rewritten repeatedly, at most 19 passes, so `{{a_{{b}}}}` resolves the inner
 *   reference first, then the outer one;
 * - an unresolved reference stays as written;
 * - a value that is a function is called; a value with a `toString()` is stringified (objects give
 *   `[object Object]`, arrays `a,b`, as in Postman); `null` and `undefined` leave the reference as is.
 */
import { VariableScope, variableText } from './variable-scope.ts';

/** Answers the value of a variable name, `undefined` when it has none. */
export type VariableLookup = (name: string) => unknown;

const REFERENCE = /\{\{([^{}]*?)\}\}/g;
const MAX_PASSES = 19;

/**
 * Replaces `{{name}}` references in `template`.
 *
 * @example
 * substitute('{{base}}/users/{{id}}', (name) => ({ base: 'http://a.test', id: 7 })[name])
 * // 'http://a.test/users/7'
 */
export function substitute(template: string, lookup: VariableLookup): string {
  if (!template.includes('{{')) return template;
  let text = template;
  let changed = true;
  const replace = (reference: string, name: string): string => {
    const replacement = textOf(lookup(name));
    if (replacement === undefined) return reference;
    if (replacement !== reference) changed = true;
    return replacement;
  };
  // A pass that changes nothing would be repeated identically by the remaining passes, so stop.
  for (let pass = 0; pass < MAX_PASSES && changed; pass++) {
    changed = false;
    text = text.replace(REFERENCE, replace);
  }
  return text;
}

function textOf(value: unknown): string | undefined {
  let resolved = value;
  if (typeof resolved === 'function') resolved = (resolved as () => unknown)();
  if (resolved && typeof (resolved as { toString?: unknown }).toString === 'function') {
    resolved = String(resolved);
  }
  const type = typeof resolved;
  if (type === 'string') return resolved as string;
  if (type === 'number' || type === 'boolean') return String(resolved);
  return undefined;
}

/**
 * Substitutes every string inside `value` (objects and arrays, recursively); keys, numbers and
 * other values are kept. Returns a new structure only where something changed.
 *
 * @example
 * substituteDeep({ url: '{{host}}/x', header: [{ key: 'A', value: '{{token}}' }] }, lookup)
 */
export function substituteDeep<T>(value: T, lookup: VariableLookup): T {
  return substituteValue(value, lookup, new Set()) as T;
}

function substituteValue(value: unknown, lookup: VariableLookup, seen: Set<object>): unknown {
  if (typeof value === 'string') return substitute(value, lookup);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  let result: unknown = value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = substituteValue(item, lookup, seen);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    if (copy) result = copy;
  } else if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = substituteValue(item, lookup, seen);
      if (next !== item) {
        copy ??= { ...value };
        copy[key] = next;
      }
    }
    if (copy) result = copy;
  }
  seen.delete(value);
  return result;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Builds a lookup over scopes given highest precedence first — for a request: local, iteration
 * data, environment, collection, globals — then dynamic variables (`$guid` …) last, as in Postman.
 * The first scope that defines a name answers, even with a value that leaves the reference
 * unresolved (a data row's `null`). A `VariableScope` yields Postman's variable text (`undefined`
 * → `''`, `null` → `'null'`).
 *
 * @example
 * const lookup = createLookup([localScope, dataRow, environment, collectionVars, globals], dynamicVariable);
 * substitute('{{host}}/{{$guid}}', lookup);
 */
export function createLookup(
  scopes: ReadonlyArray<VariableScope | Record<string, unknown> | undefined>,
  dynamic?: (name: string) => string | undefined,
): VariableLookup {
  const present = scopes.filter(
    (scope): scope is VariableScope | Record<string, unknown> => scope !== undefined,
  );
  return (name) => {
    for (const scope of present) {
      if (scope instanceof VariableScope) {
        const definition = scope.definition(name);
        if (definition) return variableText(definition);
      } else if (Object.hasOwn(scope, name)) {
        return scope[name];
      }
    }
    return dynamic?.(name);
  };
}
