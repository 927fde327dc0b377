/**
 * Postman's `Variable` (a member of scopes, path-variable lists and auth parameter lists) with its
 * type casts: `string`/`number`/`boolean` cast with the JS constructors, `array`/`object` store
 * JSON text and parse it on read, every other type (`any`, `default`, `secret`) passes through.
 */
import type { VariableDefinition } from '@postern/collection';
import { type ListSpec, PropertyList } from './property-list.ts';

interface Cast {
  in(value: unknown): unknown;
  out(value: unknown): unknown;
}

const jsonIn = (value: unknown): unknown => {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return 'null';
  }
};
const jsonOut = (value: unknown): unknown => {
  try {
    return JSON.parse(value as string);
  } catch {
    return undefined;
  }
};
const same = (value: unknown): unknown => value;

const CASTS: Record<string, Cast> = {
  string: { in: String, out: String },
  boolean: { in: Boolean, out: Boolean },
  number: { in: Number, out: Number },
  array: {
    in: jsonIn,
    out: (v) => {
      const parsed = jsonOut(v);
      return Array.isArray(parsed) ? parsed : undefined;
    },
  },
  object: {
    in: jsonIn,
    out: (v) => {
      const parsed = jsonOut(v);
      return parsed instanceof Object && !Array.isArray(parsed) ? parsed : undefined;
    },
  },
  any: { in: same, out: same },
};

/** Fields copied back into the output definition; anything else on the input definition is kept. */
const OWN_FIELDS = new Set(['key', 'value', 'type', 'disabled']);

/**
 * One variable. `definition` keeps the fields scripts cannot see (description, allowedDomains…) so
 * the output round-trips them.
 * @example new Variable({ key: 'n', value: '5', type: 'number' }).get() // 5
 */
export class Variable {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Variable, 'name', { value: 'PostmanVariable' });
  }

  key: string;
  value: unknown;
  type: string;
  declare disabled?: boolean;
  readonly #extra: Record<string, unknown>;
  /** Whether a value was ever given (a definition's or a script's), even `undefined`. */
  #assigned = false;

  constructor(definition?: unknown) {
    const def = (definition ?? {}) as Record<string, unknown>;
    // a key is text; Postman leaves a missing key missing
    this.key = (def.key === undefined || def.key === null ? def.key : String(def.key)) as string;
    this.value = undefined;
    this.type = 'any';
    this.#extra = {};
    for (const field of Object.keys(def)) if (!OWN_FIELDS.has(field)) this.#extra[field] = def[field];
    // Postman keeps the declared type name only when it knows it; `default`/`secret` act as `any`
    // but we remember the original name so exports keep it.
    if (typeof def.type === 'string') this.#extra.declaredType = def.type;
    this.update(def);
  }

  #cast(): Cast {
    return CASTS[this.type] ?? (CASTS.any as Cast);
  }

  get(): unknown {
    const raw = typeof this.value === 'function' ? (this.value as () => unknown)() : this.value;
    return this.#cast().out(raw);
  }

  set(value: unknown): void {
    this.#assigned = true;
    this.value = typeof value === 'function' ? value : this.#cast().in(value);
  }

  valueOf(...value: unknown[]): unknown {
    if (value.length) this.set(value[0]);
    return this.get();
  }

  toString(): string {
    const value = this.valueOf();
    if (value === null) return 'null';
    return value !== undefined && typeof (value as { toString?: unknown }).toString === 'function'
      ? String(value)
      : '';
  }

  cast(value: unknown): unknown {
    return this.#cast().out(value);
  }

  castIn(value: unknown): unknown {
    return this.#cast().in(value);
  }

  castOut(value: unknown): unknown {
    return this.#cast().out(value);
  }

  /** Sets the type when Postman knows it (re-casting the current value unless told not to). */
  valueType(typeName?: unknown, noCast?: boolean): string {
    const name = typeName === undefined || typeName === null ? undefined : String(typeName).toLowerCase();
    if (name === undefined || !CASTS[name]) return this.type || 'any';
    this.type = name;
    this.#extra.declaredType = name;
    if (!(noCast || typeof this.value === 'function')) this.set(this.get());
    return this.type;
  }

  update(options: unknown): void {
    if (options === null || typeof options !== 'object') return;
    const o = options as Record<string, unknown>;
    if ('type' in o) this.valueType(o.type, 'value' in o);
    if ('value' in o) this.set(o.value);
    if ('disabled' in o) this.disabled = o.disabled as boolean;
    if ('description' in o) this.#extra.description = o.description;
  }

  /** The definition as data (a function value is dropped; objects are copied as JSON data). */
  toJSON(): VariableDefinition {
    const { declaredType, ...extra } = this.#extra;
    // Spread only when there is something to copy: a spread followed by new keys costs V8 11 a new
    // hidden class each time, and every variable of every scope is copied out after each script.
    const out: VariableDefinition =
      Object.keys(extra).length > 0 ? { ...extra, key: this.key } : { key: this.key };
    const value = toData(this.value);
    if (value !== undefined) out.value = value;
    out.type = typeof declaredType === 'string' ? declaredType : this.type;
    if (this.disabled !== undefined) out.disabled = this.disabled;
    return out;
  }

  /**
   * The definition as it leaves the sandbox after a script, with the value as Newman's sandbox
   * bridge carries it: a value that JSON cannot hold (NaN, ±Infinity, a function, `undefined` a
   * script set) arrives as `null`; in the local scope (`pm.variables`) an `undefined` stays unset
   * and a function arrives as `{}`.
   */
  toDefinition(local: boolean): VariableDefinition {
    const out = this.toJSON();
    const raw = this.value;
    if (typeof raw === 'function') out.value = local ? {} : null;
    else if (typeof raw === 'number' && !Number.isFinite(raw)) out.value = null;
    else if (raw === undefined && this.#assigned && !local) out.value = null;
    return out;
  }
}

/** A value as copyable data: primitives as they are, objects through JSON, functions dropped. */
export function toData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const variableSpec: ListSpec<Variable> = {
  create: (item) => new Variable(item),
  isMember: (value): value is Variable => value instanceof Variable,
  indexKey: 'key',
  caseInsensitive: false,
  multiValue: false,
};

/**
 * A list of variables (scope values, path variables, auth parameters).
 * @example new VariableList([{ key: 'a', value: 1 }]).get('a') // 1
 */
export class VariableList extends PropertyList<Variable> {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(VariableList, 'name', { value: 'PostmanVariableList' });
  }

  constructor(items?: unknown) {
    super(variableSpec, items);
  }

  /** The last enabled variable with this key (Postman's `oneNormalizedVariable`). */
  oneNormalizedVariable(key: string): Variable | undefined {
    const members = this.members;
    for (let i = members.length - 1; i >= 0; i--) {
      const v = members[i]!;
      if (v.key === key && !v.disabled) return v;
    }
    return undefined;
  }

  /** Sets each `{ key: value }` (adding missing keys); `prune` removes keys the object lacks. */
  syncFromObject(obj: unknown, prune = true): void {
    if (obj === null || typeof obj !== 'object') return;
    const record = obj as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const existing = this.one(key);
      if (existing) existing.set(record[key]);
      else this.add({ key, value: record[key] });
    }
    if (prune) this.members = this.members.filter((v) => Object.hasOwn(record, v.key));
  }

  /** `{ key: value }` of every member (disabled included, the last duplicate wins). */
  syncToObject(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.members) out[v.key] = v.valueOf();
    return out;
  }
}
