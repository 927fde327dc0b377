/**
 * Turns any in-isolate value into fresh plain data before it is copied to the host: no accessors,
 * proxies, functions or class instances survive, so nothing the host reads can run script code.
 * Functions become `[Function: name]` and weak collections `[WeakMap]`, as Newman's console shows
 * them; cycles are kept (the copy to the host preserves them).
 */

const { keys } = Object;
const { isArray } = Array;
const toStringTag = Object.prototype.toString;

function functionLabel(fn: (...args: unknown[]) => unknown): string {
  let constructorName = 'Function';
  try {
    const name = (fn as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name) constructorName = name;
  } catch {
    // a hostile constructor getter: keep the default label
  }
  return fn.name ? `[${constructorName}: ${fn.name}]` : `[${constructorName}]`;
}

function errorData(error: Error, seen: Map<object, unknown>): Error {
  const copy = new Error(String(error.message));
  seen.set(error, copy);
  copy.name = String(error.name);
  copy.stack = typeof error.stack === 'string' ? error.stack : undefined;
  return copy;
}

/**
 * Deep copy of `value` as plain data.
 * @example toPlainData({ f() {}, n: 1 }) // { f: '[Function: f]', n: 1 }
 */
export function toPlainData(value: unknown, seen: Map<object, unknown> = new Map()): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return value;
    case 'symbol':
      return String(value);
    case 'function':
      return functionLabel(value as (...args: unknown[]) => unknown);
  }
  if (value === null) return null;
  const object = value as object;
  const known = seen.get(object);
  if (known !== undefined) return known;

  if (isArray(object)) {
    const out: unknown[] = [];
    seen.set(object, out);
    for (let i = 0; i < object.length; i++) out.push(toPlainData(object[i], seen));
    return out;
  }
  const tag = toStringTag.call(object);
  switch (tag) {
    case '[object Date]':
      return new Date((object as Date).getTime());
    case '[object RegExp]':
      return new RegExp((object as RegExp).source, (object as RegExp).flags);
    case '[object Error]':
      return errorData(object as Error, seen);
    case '[object WeakMap]':
      return '[WeakMap]';
    case '[object WeakSet]':
      return '[WeakSet]';
    case '[object ArrayBuffer]':
      return `[ArrayBuffer { byteLength: ${(object as ArrayBuffer).byteLength} }]`;
    case '[object Map]': {
      const out = new Map<unknown, unknown>();
      seen.set(object, out);
      for (const [k, v] of object as Map<unknown, unknown>)
        out.set(toPlainData(k, seen), toPlainData(v, seen));
      return out;
    }
    case '[object Set]': {
      const out = new Set<unknown>();
      seen.set(object, out);
      for (const v of object as Set<unknown>) out.add(toPlainData(v, seen));
      return out;
    }
  }
  if (ArrayBuffer.isView(object)) {
    const view = object as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  }
  if (object instanceof Error) return errorData(object, seen);
  const out: Record<string, unknown> = {};
  seen.set(object, out);
  for (const key of keys(object)) {
    if (key === '__proto__') continue;
    out[key] = toPlainData((object as Record<string, unknown>)[key], seen);
  }
  return out;
}
