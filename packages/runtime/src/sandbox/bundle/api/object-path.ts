/**
 * lodash's `_.has` / `_.get` path semantics (`a.b[0].c`, `a["x.y"]`), which `jsonBody(path)` uses.
 * A path that is itself a key of the object is taken as one key, as lodash does.
 */

const PROP_NAME =
  /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
const ESCAPE_CHAR = /\\(\\)?/g;
const IS_DEEP = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/;
const IS_PLAIN = /^\w*$/;

/** Splits a lodash path string into keys. */
export function toPath(path: string, object: unknown): string[] {
  if (IS_PLAIN.test(path) || !IS_DEEP.test(path)) return [path];
  if (object !== null && object !== undefined && path in Object(object)) return [path];
  const keys: string[] = [];
  if (path.charCodeAt(0) === 46) keys.push('');
  path.replace(PROP_NAME, (match: string, number?: string, quote?: string, subString?: string) => {
    keys.push(quote ? (subString ?? '').replace(ESCAPE_CHAR, '$1') : (number ?? match));
    return match;
  });
  return keys;
}

/**
 * Whether `path` is an own-property path of `object` (lodash `_.has`).
 * @example lodashHas({ a: [{ b: 1 }] }, 'a[0].b') // true
 */
export function lodashHas(object: unknown, path: string): boolean {
  if (object === null || object === undefined) return false;
  const keys = toPath(path, object);
  let current: unknown = object;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (current === null || current === undefined || !Object.hasOwn(Object(current), key)) {
      // lodash also accepts a hole of a sparse array as the last key
      const isIndex = /^(?:0|[1-9]\d*)$/.test(key);
      if (i === keys.length - 1 && isIndex && Array.isArray(current) && Number(key) < current.length)
        return true;
      return false;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * The value at `path` of `object`, or undefined (lodash `_.get`).
 * @example lodashGet({ a: { 'b.c': 2 } }, 'a["b.c"]') // 2
 */
export function lodashGet(object: unknown, path: string): unknown {
  const keys = toPath(path, object);
  let current: unknown = object;
  for (const key of keys) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
