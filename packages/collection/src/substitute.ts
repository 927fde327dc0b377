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

const MAX_PASSES = 19;
const OPEN = 123; // {
const CLOSE = 125; // }

/**
 * Replaces `{{name}}` references in `template`.
 *
 * @example
 * substitute('{{base}}/users/{{id}}', (name) => ({ base: 'http://a.test', id: 7 })[name])
 * // 'http://a.test/users/7'
 */
export function substitute(template: string, lookup: VariableLookup): string {
  let text = template;
  // A pass that changes nothing would be repeated identically by the remaining passes, so stop.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = replaceReferences(text, lookup);
    if (next === text) break;
    text = next;
  }
  return text;
}

/**
 * One pass of `text.replace(/\{\{([^{}]*?)\}\}/g, …)`, hand-written because a regex replace with
 * a callback is several times slower on this hot path. Returns `text` itself when nothing changed.
 */
function replaceReferences(text: string, lookup: VariableLookup): string {
  let start = text.indexOf('{{');
  if (start === -1) return text;
  let out = '';
  let copied = 0;
  let changed = false;
  while (start !== -1) {
    let end = start + 2;
    let code = text.charCodeAt(end);
    while (end < text.length && code !== OPEN && code !== CLOSE) code = text.charCodeAt(++end);
    if (code !== CLOSE || text.charCodeAt(end + 1) !== CLOSE) {
      // Not a reference here (a brace inside or no closing braces); the regex would retry one later.
      start = text.indexOf('{{', start + 1);
      continue;
    }
    const replacement = textOf(lookup(text.slice(start + 2, end)));
    if (replacement !== undefined && replacement !== text.slice(start, end + 2)) {
      out += text.slice(copied, start) + replacement;
      copied = end + 2;
      changed = true;
    }
    start = text.indexOf('{{', end + 2);
  }
  return changed ? out + text.slice(copied) : text;
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
