/**
 * Runs a script the way Newman's sandbox (uniscope) does, so the observable scoping matches:
 * - the code is the body of a function whose parameters are every global name of the context plus
 *   the imports (pm, console, timers, libraries…). Standard JS globals keep their value; any other
 *   name of the context is masked as `undefined` (so `Intl`, `globalThis`… are undefined, as in
 *   Newman); that is also why `const _ = 1` or `let pm` is a SyntaxError ("already declared").
 *   Only the names the code can reach become parameters: a name the code never spells (and cannot
 *   reach through `eval` or a `\u` escape) makes no difference as a parameter, and each one makes
 *   compiling the script slower (every item of a collection has its own script to compile);
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

const globals = globalThis as unknown as Record<string, unknown>;
const { defineProperty, getOwnPropertyNames, keys } = Object;
const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);
const FunctionConstructor = Function;

/** The context's global names as of boot: names scripts create later are never parameters. */
let contextNames: string[] = [];

/** Takes the snapshot of global names; call once the bundle finished setting itself up. */
export function snapshotContextNames(): void {
  layouts.clear();
  lastLayout = undefined;
  cachedScripts = 0;
  const names = new Set(getOwnPropertyNames(globalThis).filter((n) => IDENTIFIER.test(n) && !IGNORED.has(n)));
  for (const name of ALLOWED_GLOBALS) names.add(name);
  contextNames = [...names];
}

/**
 * Everything about a scope that depends only on which names are imported (the same for every
 * execution of a session), computed once: the context's names with their masked or real values,
 * how to build `this`, and the scripts compiled for it.
 */
interface ScopeLayout {
  valueNames: string[];
  lazyNames: string[];
  /** Context names not shadowed by an import, and their values (the real global or undefined). */
  contextNames: string[];
  contextArgs: unknown[];
  /**
   * Builds the script's `this` (the allowed globals, then the value imports) from the context
   * values followed by the import values. An object literal, not ~75 defineProperty calls: V8
   * makes it from a boilerplate in well under a microsecond, and a literal defines its properties,
   * so setters a script put on Object.prototype are never run.
   */
  makeThis: (args: unknown[]) => Record<string, unknown>;
  scripts: Map<string, CompiledScript>;
}

/** Which of a layout's names a script can reach: they are its parameters, in the layout's order. */
interface ScriptNames {
  /** Values of the reachable context names. */
  contextArgs: unknown[];
  /** Indexes of the reachable value imports and lazy imports in the layout's lists. */
  values: number[];
  lazy: number[];
  parameterNames: string[];
  /** The script spells `this` (or can spell anything): only then is its `this` object built. */
  reachesThis: boolean;
}

interface CompiledScript {
  names: ScriptNames;
  fn: (...args: unknown[]) => unknown;
}

/** `"name": a[i]` as an object literal entry; `__proto__` must be computed to stay an own property. */
function literalEntry(name: string, index: number): string {
  const key = JSON.stringify(name);
  return `${name === '__proto__' ? `[${key}]` : key}: a[${index}]`;
}

const layouts = new Map<string, ScopeLayout>();
/** The layout of the previous run: a session imports the same names every time. */
let lastLayout: ScopeLayout | undefined;
/** Scripts compiled over all layouts: an item's script runs once per iteration, so it is kept. */
let cachedScripts = 0;
const MAX_CACHED_SCRIPTS = 256;

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function layoutFor(imports: ScriptImports): ScopeLayout {
  const valueNames = keys(imports.values);
  const lazyNames = keys(imports.lazy);
  if (
    lastLayout &&
    sameNames(lastLayout.valueNames, valueNames) &&
    sameNames(lastLayout.lazyNames, lazyNames)
  )
    return lastLayout;
  const signature = valueNames.join(',') + '|' + lazyNames.join(',');
  let layout = layouts.get(signature);
  if (!layout) {
    const names: string[] = [];
    const contextArgs: unknown[] = [];
    const entries: string[] = [];
    for (const name of contextNames) {
      if (hasOwn(imports.values, name) || hasOwn(imports.lazy, name)) continue;
      if (allowed.has(name)) entries.push(literalEntry(name, contextArgs.length));
      names.push(name);
      contextArgs.push(allowed.has(name) ? globals[name] : undefined);
    }
    for (let i = 0; i < valueNames.length; i++)
      entries.push(literalEntry(valueNames[i]!, contextArgs.length + i));
    layout = {
      valueNames,
      lazyNames,
      contextNames: names,
      contextArgs,
      makeThis: new FunctionConstructor('a', `return {${entries.join(',')}};`) as ScopeLayout['makeThis'],
      scripts: new Map(),
    };
    layouts.set(signature, layout);
  }
  lastLayout = layout;
  return layout;
}

const everything = (): boolean => true;

/** The runs of characters names are made of: `[\w$]`. */
const WORDS = /[\w$]+/g;

/**
 * Which names `code` can reach: those it spells as a whole word (what
 * `(?:^|[^\w$])name(?:$|[^\w$])` finds), or any name at all when it can spell anything: a direct
 * `eval` can, and so can an identifier written with `\u` escapes. The script's words are collected
 * once: compiling a script asks about every name of the scope (~150), and this runs in V8's
 * baseline tiers, where searching the code name by name is slow.
 * @example reachOf('pm.test(1)')('pm') // true
 */
export function reachOf(code: string): (name: string) => boolean {
  if (code.includes('\\u')) return everything;
  const words = new Set(code.match(WORDS));
  if (words.has('eval')) return everything;
  return (name) => words.has(name);
}

/**
 * What a script can reach among the names it is given, from its `reachOf`: any of them when it
 * spells `this` (the scope object holds them all).
 * @example scriptReach(reachOf('pm.test(1)'))('responseBody') // false
 */
export function scriptReach(reaches: (name: string) => boolean): (name: string) => boolean {
  return reaches('this') ? everything : reaches;
}

function namesOf(layout: ScopeLayout, reaches: (name: string) => boolean): ScriptNames {
  const names: ScriptNames = {
    contextArgs: [],
    values: [],
    lazy: [],
    parameterNames: [],
    reachesThis: reaches('this'),
  };
  for (let i = 0; i < layout.contextNames.length; i++) {
    const name = layout.contextNames[i]!;
    if (!reaches(name)) continue;
    names.parameterNames.push(name);
    names.contextArgs.push(layout.contextArgs[i]);
  }
  for (let i = 0; i < layout.valueNames.length; i++) {
    if (!reaches(layout.valueNames[i]!)) continue;
    names.parameterNames.push(layout.valueNames[i]!);
    names.values.push(i);
  }
  for (let i = 0; i < layout.lazyNames.length; i++) {
    if (!reaches(layout.lazyNames[i]!)) continue;
    names.parameterNames.push(layout.lazyNames[i]!);
    names.lazy.push(i);
  }
  names.parameterNames.push(EXIT_SCOPE);
  return names;
}

function compile(layout: ScopeLayout, code: string, names: ScriptNames): CompiledScript {
  const fn = new FunctionConstructor(
    ...names.parameterNames,
    ';var arguments = undefined;\n' + code + '\n;',
  ) as (...args: unknown[]) => unknown;
  const script = { names, fn };
  if (cachedScripts >= MAX_CACHED_SCRIPTS) {
    for (const other of layouts.values()) other.scripts.clear();
    cachedScripts = 0;
  }
  layout.scripts.set(code, script);
  cachedScripts++;
  return script;
}

export interface ScriptImports {
  /** Values passed as they are. */
  values: Record<string, unknown>;
  /** Values produced only when the script can reach them (libraries load on first use). */
  lazy: Record<string, () => unknown>;
}

/**
 * Runs `code` synchronously in the session's scope; throws what the script throws (including a
 * SyntaxError from compiling it). `reaches` is the code's `reachOf`, when the caller has it already.
 * @example runInScope('x = pm.info.iteration', { values: { pm }, lazy: {} })
 */
export function runInScope(code: string, imports: ScriptImports, reaches?: (name: string) => boolean): void {
  const layout = layoutFor(imports);
  const { valueNames, lazyNames } = layout;
  const cached = layout.scripts.get(code);
  const names = cached ? cached.names : namesOf(layout, reaches ?? reachOf(code));
  const args = names.contextArgs.slice();
  for (const index of names.values) args.push(imports.values[valueNames[index]!]);
  // A script that cannot spell `this` cannot observe it: its object is built only when it can.
  let self: Record<string, unknown> | undefined;
  if (names.reachesThis) {
    const values: unknown[] = layout.contextArgs.slice();
    for (let i = 0; i < valueNames.length; i++) values.push(imports.values[valueNames[i]!]);
    self = layout.makeThis(values);
  }
  // defineProperty, not assignment: a setter a script put on Object.prototype must not intercept
  let reachable = 0;
  for (let i = 0; i < lazyNames.length; i++) {
    const produce = imports.lazy[lazyNames[i]!]!;
    if (names.lazy[reachable] === i) {
      args.push(produce());
      reachable++;
    }
    if (self) defineProperty(self, lazyNames[i]!, { enumerable: true, configurable: true, get: produce });
  }
  const script = cached ?? compile(layout, code, names);
  args.push(() => {});
  script.fn.apply(self, args);
}
