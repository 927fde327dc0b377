/**
 * The libraries scripts reach through `require(name)` and the legacy globals (`_`, `CryptoJS`,
 * `tv4`, `xml2Json`, `cheerio`, `atob`, `btoa`, `Buffer`), as in Newman's sandbox. Only chai and
 * uuid are part of the always-loaded bundle; every other library is a separate file the host runs in
 * this context the first time something requires it (see build-targets.mjs), then cached here.
 */
import manifest from '../libraries.json';
import { getChai } from './api/index.ts';
import { callHost } from './host.ts';
import { eventLoop } from './loop.ts';
import { uuid } from './uuid.ts';

type Factory = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

const DEFINE_GLOBAL = '__posternDefine';
const globals = globalThis as unknown as Record<string, unknown>;
const lazyNames = new Set(Object.keys(manifest));
const loaded = new Map<string, unknown>([
  ['uuid', uuid],
  ['timers', eventLoop.timerFunctions],
]);
/** Part of the always-loaded bundle, produced on first use (chai: with the pm API's plugin). */
const builtins = new Map<string, () => unknown>([['chai', getChai]]);

/** What `require` resolves for scripts: Newman's list (the others back globals and prototypes). */
const SCRIPT_REQUIRABLE = new Set([...lazyNames, 'timers', 'chai', 'uuid']);
SCRIPT_REQUIRABLE.delete('lodash3');
SCRIPT_REQUIRABLE.delete('liquid-json');
SCRIPT_REQUIRABLE.delete('sugar');

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

/**
 * The `require` scripts call.
 * @example scriptRequire('fs') // throws Cannot find module 'fs'
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
  cheerio: "require('cheerio')",
};
