/**
 * The libraries scripts reach through `require(name)` and the legacy globals (`_`, `CryptoJS`,
 * `tv4`, `xml2Json`, `cheerio`, `Backbone`, `atob`, `btoa`, `Buffer`), as in Newman's sandbox.
 * Only chai, uuid and the empty `fs` are part of the always-loaded bundle; every other library is a
 * separate file the host runs in this context the first time something requires it (see
 * build-targets.mjs), then cached here. Node's core modules are the polyfills browserify 16 gives
 * Newman's bundle (util 0.10, timers-browserify 1, os-browserify, events 2, path-browserify 0.0.1,
 * stream-browserify 2, url 0.11.0), not the newer ones Node's own names suggest.
 */
import manifest from '../libraries.json';
import { setContentTypesLoader } from './api/content-info.ts';
import { getChai } from './api/index.ts';
import { callHost } from './host.ts';
import { eventLoop } from './loop.ts';
import { uuid } from './uuid.ts';

type Factory = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

const DEFINE_GLOBAL = '__posternDefine';
/** Response#contentInfo()'s tables and rules (api/content-info.ts): internal, not a script module. */
const CONTENT_TYPES = 'postern-content-types';
const globals = globalThis as unknown as Record<string, unknown>;
const lazyNames = new Set(Object.keys(manifest));
const loaded = new Map<string, unknown>([['uuid', uuid]]);
/**
 * Part of the always-loaded bundle, produced on first use. chai: with the pm API's plugin, as its
 * CommonJS exports (what Newman's bundle gives; the ESM namespace the pm API imports lacks `Should`
 * and adds `core` and `default`). fs: browserify's empty module, which Newman's bundle gives for it.
 */
const builtins = new Map<string, () => unknown>([
  ['chai', () => (getChai() as unknown as { default: unknown }).default],
  ['fs', () => ({})],
]);

/** What `require` resolves for scripts: Newman's list (the others back globals and prototypes). */
const SCRIPT_REQUIRABLE = new Set([...lazyNames, 'chai', 'uuid', 'fs']);
SCRIPT_REQUIRABLE.delete('lodash3');
SCRIPT_REQUIRABLE.delete('liquid-json');
SCRIPT_REQUIRABLE.delete('sugar');
SCRIPT_REQUIRABLE.delete(CONTENT_TYPES);

function notFound(name: string): Error {
  const error = new Error(`Cannot find module '${name}'`) as Error & { code?: string };
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

function loadFromHost(name: string): unknown {
  let factory: Factory | undefined;
  globals[DEFINE_GLOBAL] = (f: Factory) => {
    factory = f;
  };
  try {
    callHost('load', name);
  } finally {
    delete globals[DEFINE_GLOBAL];
  }
  if (!factory) throw notFound(name);
  const module = { exports: {} as unknown };
  loaded.set(name, module.exports); // a dependency cycle sees the partial exports, as in CommonJS
  try {
    factory(requireLibrary, module, module.exports);
  } catch (error) {
    loaded.delete(name); // not half-initialised forever: the next require tries again
    throw error;
  }
  loaded.set(name, module.exports);
  return module.exports;
}

/**
 * Any library of the sandbox, loading it into this context on first use.
 * @example (requireLibrary('lodash') as { VERSION: string }).VERSION // '4.17.21'
 */
export function requireLibrary(request: string): unknown {
  // `require('punycode/')` (url does this) names the package itself
  const name = request.endsWith('/') ? request.slice(0, -1) : request;
  if (loaded.has(name)) return loaded.get(name);
  const builtin = builtins.get(name);
  if (builtin) {
    const value = builtin();
    loaded.set(name, value);
    return value;
  }
  if (!lazyNames.has(name)) throw notFound(name);
  return loadFromHost(name);
}

setContentTypesLoader(() => requireLibrary(CONTENT_TYPES));

/**
 * The `require` scripts call.
 * @example scriptRequire('child_process') // throws Cannot find module 'child_process'
 */
export function scriptRequire(name: unknown): unknown {
  const key = String(name);
  if (!SCRIPT_REQUIRABLE.has(key)) throw notFound(key);
  return requireLibrary(key);
}

const XML2JSON_OPTIONS = { explicitArray: false, async: false, trim: true, mergeAttrs: false };

/** Newman's `xml2Json`: synchronous xml2js parse; the result (or undefined on a parse error). */
function xml2Json(text: unknown): unknown {
  const xml2js = requireLibrary('xml2js') as {
    parseString(text: unknown, options: object, done: (error: unknown, result: unknown) => void): void;
  };
  let json: unknown = {};
  xml2js.parseString(text, XML2JSON_OPTIONS, (_error, result) => {
    json = result;
  });
  return json;
}

type JsonModule = {
  parse(text: unknown, reviver?: unknown, relaxed?: unknown): unknown;
  stringify(...args: unknown[]): string;
};

const nativeJson = JSON;
const BOM_START = /^[\ufeff\ubbbf\u00fe\u00ff\u00ef]/;

/**
 * Newman's legacy `JSON` is liquid-json: BOM-tolerant, and its errors are `JSONError`s with a
 * position. Valid input takes the native parser; liquid-json loads only for BOMs and errors.
 */
const jsonGlobal: JsonModule = {
  parse(text, reviver, relaxed) {
    if (
      relaxed === undefined &&
      typeof reviver !== 'boolean' &&
      !(typeof text === 'string' && BOM_START.test(text))
    ) {
      try {
        return nativeJson.parse(text as string, reviver as Parameters<typeof JSON.parse>[1]);
      } catch {
        // fall through: liquid-json produces Newman's error
      }
    }
    return (requireLibrary('liquid-json') as JsonModule).parse(text, reviver, relaxed);
  },
  stringify(...args) {
    try {
      return (nativeJson.stringify as (...a: unknown[]) => string)(...args);
    } catch (error) {
      if (error instanceof Error) error.name = 'JSONError';
      throw error;
    }
  },
};

/** Legacy library globals and how to produce each (lazily: most scripts use none of them). */
export const LIBRARY_GLOBALS: Record<string, () => unknown> = {
  _: () => requireLibrary('lodash3'),
  CryptoJS: () => requireLibrary('crypto-js'),
  tv4: () => requireLibrary('tv4'),
  xml2Json: () => xml2Json,
  cheerio: () => requireLibrary('cheerio'),
  Backbone: () => requireLibrary('backbone'),
  atob: () => requireLibrary('atob'),
  btoa: () => requireLibrary('btoa'),
  Buffer: () => (requireLibrary('buffer') as { Buffer: unknown }).Buffer,
  JSON: () => jsonGlobal,
};

/**
 * npm libraries use `Buffer` and the timers as free variables: they are globals of the context
 * (non-enumerable), `Buffer` loading the polyfill on first touch. Scripts see them as parameters.
 */
function installLibraryGlobals(): void {
  const { defineProperty } = Object;
  const plain = (name: string, value: unknown) =>
    defineProperty(globals, name, { value, writable: true, configurable: true, enumerable: false });
  for (const [name, fn] of Object.entries(eventLoop.timerFunctions)) plain(name, fn);
  defineProperty(globals, 'Buffer', {
    configurable: true,
    enumerable: false,
    get() {
      const { Buffer } = requireLibrary('buffer') as { Buffer: unknown };
      plain('Buffer', Buffer);
      return Buffer;
    },
    set(value: unknown) {
      plain('Buffer', value);
    },
  });
}
installLibraryGlobals();

/** Newman warns once per script when these legacy globals are used, naming the replacement. */
export const DEPRECATED_GLOBALS: Record<string, string> = {
  _: "require('lodash')",
  CryptoJS: "require('crypto-js')",
  atob: "require('atob')",
  btoa: "require('btoa')",
  tv4: "require('ajv')",
  xml2Json: "require('xml2js')",
  Backbone: "require('backbone')",
  cheerio: "require('cheerio')",
};
