/**
 * Runs a script the way Newman's sandbox (uniscope) does, so the observable scoping matches:
 * - the code is the body of a function whose parameters are every global name of the context plus
 *   the imports (pm, console, timers, libraries…). Standard JS globals keep their value; any other
 *   name of the context is masked as `undefined` (so `Intl`, `globalThis`… are undefined, as in
 *   Newman); that is also why `const _ = 1` or `let pm` is a SyntaxError ("already declared");
 * - `var` stays local to the script, but an undeclared assignment (`x = 1`) creates a real global
 *   that later scripts of the session see;
 * - top-level `return` is allowed, top-level `await` is not, `arguments` is undefined and `this` is
 *   an object holding the allowed globals and the imports.
 */

/** uniscope's allowed globals: their real values are passed through. */
const ALLOWED_GLOBALS = [
  'Array',
  'ArrayBuffer',
  'Atomics',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'Boolean',
  'DataView',
  'Date',
  'Error',
  'EvalError',
  'Float32Array',
  'Float64Array',
  'Function',
  'Infinity',
  'Int16Array',
  'Int32Array',
  'Int8Array',
  'JSON',
  'Map',
  'Math',
  'NaN',
  'Number',
  'Object',
  'Promise',
  'Proxy',
  'RangeError',
  'ReferenceError',
  'Reflect',
  'RegExp',
  'Set',
  'SharedArrayBuffer',
  'String',
  'Symbol',
  'SyntaxError',
  'TypeError',
  'URIError',
  'Uint16Array',
  'Uint32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'WeakMap',
  'WeakSet',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'escape',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'undefined',
  'unescape',
];
const allowed = new Set(ALLOWED_GLOBALS);
/** Names left to the real global scope rather than passed as parameters (uniscope's `ignore`). */
const IGNORED = new Set(['eval', 'require']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const EXIT_SCOPE = '__exitscope';
const MAX_CACHED_FUNCTIONS = 256;

const globals = globalThis as unknown as Record<string, unknown>;
const { defineProperties, defineProperty, getOwnPropertyNames, keys } = Object;
const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);
const FunctionConstructor = Function;

/** The context's global names as of boot: names scripts create later are never parameters. */
let contextNames: string[] = [];

/** Takes the snapshot of global names; call once the bundle finished setting itself up. */
export function snapshotContextNames(): void {
  layouts.clear();
  const names = new Set(getOwnPropertyNames(globalThis).filter((n) => IDENTIFIER.test(n) && !IGNORED.has(n)));
  for (const name of ALLOWED_GLOBALS) names.add(name);
  contextNames = [...names];
}

/** Compiled script functions by parameter list and code: an item's script runs once per iteration. */
const compiled = new Map<string, (...args: unknown[]) => unknown>();

function compile(namesKey: string, names: string[], code: string): (...args: unknown[]) => unknown {
  const key = namesKey + '\n' + code;
  let fn = compiled.get(key);
  if (fn) return fn;
  fn = new FunctionConstructor(...names, EXIT_SCOPE, ';var arguments = undefined;\n' + code + '\n;') as (
    ...args: unknown[]
  ) => unknown;
  if (compiled.size >= MAX_CACHED_FUNCTIONS) compiled.clear();
  compiled.set(key, fn);
  return fn;
}

/**
 * The part of a scope that depends only on which names are imported (the same for every execution
 * of a session): the context's names with their masked or real values, precomputed once.
 */
interface ScopeLayout {
  /** Context names not shadowed by an import, in order. */
  contextNames: string[];
  contextArgs: unknown[];
  /** Property descriptors of `this` for the allowed globals. */
  contextDescriptors: PropertyDescriptorMap;
}

const layouts = new Map<string, ScopeLayout>();

function layoutFor(signature: string, imports: ScriptImports): ScopeLayout {
  let layout = layouts.get(signature);
  if (layout) return layout;
  layout = { contextNames: [], contextArgs: [], contextDescriptors: {} };
  for (const name of contextNames) {
    if (hasOwn(imports.values, name) || hasOwn(imports.lazy, name)) continue;
    layout.contextNames.push(name);
    if (allowed.has(name)) {
      const value = globals[name];
      layout.contextArgs.push(value);
      layout.contextDescriptors[name] = { value, enumerable: true, configurable: true, writable: true };
    } else layout.contextArgs.push(undefined);
  }
  layouts.set(signature, layout);
  return layout;
}

const wordPatterns = new Map<string, RegExp>();

/** Whether `code` can name `name` (a direct `eval` could name anything). */
function mentions(code: string, name: string): boolean {
  let pattern = wordPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|[^\\w$])(?:${name.replace(/\$/g, '\\$')}|eval)(?:$|[^\\w$])`);
    wordPatterns.set(name, pattern);
  }
  return pattern.test(code);
}

export interface ScriptImports {
  /** Values passed as they are. */
  values: Record<string, unknown>;
  /** Values produced only when the script can reach them (libraries load on first use). */
  lazy: Record<string, () => unknown>;
}

/**
 * Runs `code` synchronously in the session's scope; throws what the script throws (including a
 * SyntaxError from compiling it).
 * @example runInScope('x = pm.info.iteration', { values: { pm }, lazy: {} })
 */
export function runInScope(code: string, imports: ScriptImports): void {
  const valueNames = keys(imports.values);
  const lazyNames = keys(imports.lazy);
  const signature = valueNames.join(',') + '|' + lazyNames.join(',');
  const layout = layoutFor(signature, imports);
  const names = layout.contextNames.concat(valueNames, lazyNames);
  const args = layout.contextArgs.slice();
  // defineProperty, not assignment: a setter a script put on Object.prototype must not intercept
  const self: Record<string, unknown> = {};
  defineProperties(self, layout.contextDescriptors);
  for (const name of valueNames) {
    const value = imports.values[name];
    args.push(value);
    defineProperty(self, name, { value, enumerable: true, configurable: true, writable: true });
  }
  for (const name of lazyNames) {
    const produce = imports.lazy[name]!;
    args.push(mentions(code, name) ? produce() : undefined);
    defineProperty(self, name, { enumerable: true, configurable: true, get: produce });
  }
  const fn = compile(signature, names, code);
  args.push(() => {});
  fn.apply(self, args);
}
