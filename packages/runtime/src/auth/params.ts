/**
 * Auth params: turning the collection's `[{ key, value, type }]` list into a map, reading values the
 * way postman-runtime's `auth.get` does, and writing values back the way its `auth.set` does.
 */
import type { AuthParam } from '@postern/collection';
import type { AuthParams } from './types.ts';

/**
 * Converts a collection auth param list into a map. Values are cast by their `type` like
 * postman-collection's Variable (`string` → String, `boolean` → Boolean, `number` → Number, anything
 * else passes through); for a repeated key the last one wins.
 *
 * @example
 * paramsToMap([{ key: 'username', value: 'u' }, { key: 'addParamsToHeader', value: 1, type: 'boolean' }]);
 * // → { username: 'u', addParamsToHeader: true }
 */
export function paramsToMap(params: AuthParam[] | undefined): AuthParams {
  const map: AuthParams = {};
  if (!params) return map;
  for (const param of params) {
    if (!param || typeof param.key !== 'string') continue;
    map[param.key] = castParamValue(param.value, param.type);
  }
  return map;
}

function castParamValue(value: unknown, type: string | undefined): unknown {
  // A param without a value stays missing rather than becoming the string 'undefined'.
  if (value === undefined || value === null) return value;
  switch (type?.toLowerCase()) {
    case 'string':
      return String(value);
    case 'boolean':
      return Boolean(value);
    case 'number':
      return Number(value);
    default:
      return value;
  }
}

/**
 * A param as text, or undefined when it is JS-falsy (missing, '', 0, false), which is how
 * postman-runtime's `auth.get(key) || default` reads it.
 *
 * @example
 * optionalText({ a: 5, b: '' }, 'a'); // '5'
 * optionalText({ a: 5, b: '' }, 'b'); // undefined
 */
export function optionalText(params: AuthParams, key: string): string | undefined {
  const value = params[key];
  return value ? String(value) : undefined;
}

/**
 * JS truthiness of a param, which is what postman-runtime checks for its flags.
 *
 * @example
 * flag({ disableRetryRequest: true }, 'disableRetryRequest'); // true
 */
export function flag(params: AuthParams, key: string): boolean {
  return Boolean(params[key]);
}

/** Keys each signer wrote into a params map itself (postman-runtime's "system" params). */
const systemKeys = new WeakMap<AuthParams, Set<string>>();

/**
 * Writes a param the way postman-runtime's `auth.set` does: only over a missing or empty
 * (`''`, null, undefined, NaN) user value, or over a value a signer wrote before.
 *
 * @example
 * const params = { realm: 'mine' };
 * setSystemParam(params, 'realm', 'theirs'); // keeps 'mine'
 * setSystemParam(params, 'nonce', 'abc');    // params.nonce === 'abc'
 */
export function setSystemParam(params: AuthParams, key: string, value: unknown): void {
  let keys = systemKeys.get(params);
  const current = params[key];
  const writable =
    keys?.has(key) ||
    current === '' ||
    current === undefined ||
    current === null ||
    (typeof current === 'number' && Number.isNaN(current));
  if (!writable) return;
  if (!keys) {
    keys = new Set();
    systemKeys.set(params, keys);
  }
  keys.add(key);
  params[key] = value;
}
