import type { VariableDefinition } from './model.ts';

/** Variable types that change a value (Postman's `Variable.types`); any other type passes values through. */
const TYPED = new Set(['string', 'number', 'boolean', 'array', 'object']);

/** How a value is stored for a type (Postman's `castIn`): arrays and objects are kept as JSON text. */
function castIn(value: unknown, type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return String(value);
    case 'number':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'array':
    case 'object':
      if (typeof value === 'string') return value;
      try {
        return JSON.stringify(value);
      } catch {
        return 'null';
      }
    default:
      return value;
  }
}

/** How a stored value is read for a type (Postman's `castOut`). */
function castOut(value: unknown, type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return String(value);
    case 'number':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'array':
    case 'object': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value as string);
      } catch {
        return undefined;
      }
      const isArray = Array.isArray(parsed);
      if (type === 'array') return isArray ? parsed : undefined;
      return parsed instanceof Object && !isArray ? parsed : undefined;
    }
    default:
      return value;
  }
}

/**
 * The value a variable yields for its `type`, with Postman's coercions: `number` → `Number(v)`,
 * `boolean` → `Boolean(v)` (so the string `'false'` is `true`, as in Postman), `string` →
 * `String(v)`, `array`/`object` → parsed JSON or `undefined`; other types (`default`, `secret`,
 * `any`, `text`) pass the value through.
 *
 * @example coerceVariableValue('42', 'number') // 42
 */
export function coerceVariableValue(value: unknown, type: string | undefined): unknown {
  if (!type || !TYPED.has(type)) return value;
  return castOut(castIn(value, type), type);
}

/**
 * The text a variable contributes to `{{name}}` substitution (Postman's `Variable#toString`):
 * `null` → `'null'`, `undefined` → `''`, otherwise the value's `toString()`.
 *
 * @example variableText({ key: 'n', value: 5, type: 'number' }) // '5'
 */
export function variableText(definition: VariableDefinition): string {
  const value = coerceVariableValue(definition.value, definition.type);
  if (value === null) return 'null';
  if (value === undefined) return '';
  const stringify = (value as { toString?: unknown }).toString;
  return typeof stringify === 'function' ? String(stringify.call(value)) : '';
}

/**
 * One variable scope (globals, environment, collection variables, local) over a list of
 * definitions, with Postman's rules: disabled entries are invisible to `get`/`has`, the last
 * enabled duplicate of a key wins, `set` updates that entry in place or appends a new one, `unset`
 * removes the enabled entries of a key and leaves disabled ones.
 *
 * The scope works on the array it is given (no copy); read it back with `values()`.
 *
 * @example
 * const env = new VariableScope([{ key: 'host', value: 'a.test' }, { key: 'host', value: 'b.test' }]);
 * env.get('host'); // 'b.test'
 * env.set('port', 8080);
 * env.toObject(); // { host: 'b.test', port: 8080 }
 */
export class VariableScope {
  readonly #values: VariableDefinition[];
  /** key → its last enabled definition; rebuilt lazily after a removal. */
  #index: Map<string, VariableDefinition> | undefined;

  constructor(values: VariableDefinition[] = []) {
    this.#values = values;
  }

  /** The enabled definition that answers for `key`, if any. */
  definition(key: string): VariableDefinition | undefined {
    return this.#indexed().get(key);
  }

  has(key: string): boolean {
    return this.#indexed().has(key);
  }

  /** The typed value of `key`, or `undefined` when it is not defined (or only disabled). */
  get(key: string): unknown {
    const definition = this.#indexed().get(key);
    return definition ? coerceVariableValue(definition.value, definition.type) : undefined;
  }

  /**
   * Sets `key`: updates the enabled definition in place (and its `type` when one is given), else
   * appends `{ key, value, type }`. The value is stored as Postman stores it for the type.
   */
  set(key: string, value: unknown, type?: string): void {
    const existing = this.#indexed().get(key);
    if (existing) {
      if (typeof type === 'string') existing.type = type;
      existing.value = castIn(value, existing.type);
      return;
    }
    const added: VariableDefinition = { key, value: castIn(value, type) };
    if (typeof type === 'string') added.type = type;
    this.#values.push(added);
    this.#index?.set(key, added);
  }

  /** Removes every enabled definition of `key`; disabled ones stay (as in Postman). */
  unset(key: string): void {
    let kept = 0;
    for (const definition of this.#values) {
      if (definition.key === key && !definition.disabled) continue;
      this.#values[kept++] = definition;
    }
    if (kept === this.#values.length) return;
    this.#values.length = kept;
    this.#index?.delete(key);
  }

  /** Removes every definition, disabled ones included. */
  clear(): void {
    this.#values.length = 0;
    this.#index?.clear();
  }

  /**
   * `{ key: value }` of all definitions, the last one of a key winning. Like Postman's
   * `VariableScope#toObject()`, disabled entries are included unless `excludeDisabled` is set.
   */
  toObject(excludeDisabled = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const definition of this.#values) {
      if (excludeDisabled && definition.disabled) continue;
      out[definition.key] = coerceVariableValue(definition.value, definition.type);
    }
    return out;
  }

  /** The live list of definitions (disabled ones included), in order. */
  values(): readonly VariableDefinition[] {
    return this.#values;
  }

  /** A copy of the definitions, for exports (`--export-environment`) and reports. */
  toJSON(): VariableDefinition[] {
    return this.#values.map((definition) => ({ ...definition }));
  }

  #indexed(): Map<string, VariableDefinition> {
    if (this.#index) return this.#index;
    const index = new Map<string, VariableDefinition>();
    for (const definition of this.#values) {
      if (!definition.disabled) index.set(definition.key, definition);
    }
    this.#index = index;
    return index;
  }
}
