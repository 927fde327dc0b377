/**
 * Heavy libraries that only some collections need — faker (for `{{$random…}}` values), the v1
 * collection converter, and zod (only to describe what is wrong with an invalid document) — are
 * loaded on first use, not at import, so a run that needs none of them does not pay for them at
 * startup. The package stays browser-safe: a host registers how to load them synchronously (Node:
 * `createRequire`), or calls `loadOptionalDependencies()` ahead of time; zod also loads through
 * Node's own `require` when the host registered nothing.
 */
import type * as Zod from 'zod';

/** faker 5's namespaces, untyped (the package ships no types). */
export type FakerLike = Record<string, Record<string, (...args: unknown[]) => unknown>>;

export interface V1Converter {
  convert(
    input: unknown,
    options: { inputVersion: string; outputVersion: string; retainIds: boolean },
    callback: (error: Error | null, result: unknown) => void,
  ): void;
}

interface Loaders {
  faker?: () => unknown;
  v1Converter?: () => unknown;
  zod?: () => unknown;
}

const loaders: Loaders = {};
let faker: FakerLike | undefined;
let v1Converter: V1Converter | undefined;
let zod: typeof Zod | undefined;

/**
 * Registers synchronous loaders (called at most once, on first need).
 *
 * @example
 * const require = createRequire(import.meta.url);
 * registerOptionalDependencies({ faker: () => require('@faker-js/faker/locale/en.js') });
 */
export function registerOptionalDependencies(next: Loaders): void {
  Object.assign(loaders, next);
}

/** Loads both libraries now (browsers, or to keep first use off a hot path). */
export async function loadOptionalDependencies(): Promise<void> {
  faker ??= unwrap(await import('@faker-js/faker/locale/en.js')) as FakerLike;
  v1Converter ??= unwrap(await import('postman-collection-transformer')) as V1Converter;
  zod ??= (await import('zod')) as typeof Zod;
}

export function getFaker(): FakerLike {
  faker ??= unwrap(required('faker', loaders.faker)) as FakerLike;
  return faker;
}

export function getV1Converter(): V1Converter {
  v1Converter ??= unwrap(required('v1Converter', loaders.v1Converter)) as V1Converter;
  return v1Converter;
}

/** zod: the registered loader, else Node's `require` (Node ≥ 20.16 has `getBuiltinModule`). */
export function getZod(): typeof Zod {
  zod ??= (loaders.zod ? loaders.zod() : requireWithNode('zod')) as typeof Zod;
  return zod;
}

function requireWithNode(name: string): unknown {
  const node = typeof process === 'undefined' ? undefined : process.getBuiltinModule?.('node:module');
  if (!node) return required(name, undefined);
  return node.createRequire(import.meta.url)(name);
}

function required(name: string, load: (() => unknown) | undefined): unknown {
  if (!load) {
    throw new Error(
      `${name} is not loaded: call loadOptionalDependencies() or registerOptionalDependencies() first`,
    );
  }
  return load();
}

/** CommonJS modules imported from ESM arrive as `{ default }`. */
function unwrap(mod: unknown): unknown {
  const m = mod as { default?: unknown };
  return m && typeof m === 'object' && 'default' in m && m.default ? m.default : mod;
}
