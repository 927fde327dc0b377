/**
 * `pm.globals`, `pm.environment`, `pm.collectionVariables`, `pm.iterationData` and the layered
 * `pm.variables`, with postman-collection's `VariableScope` semantics (disabled variables are
 * invisible to get/has but kept; `toObject` includes them; `unset` keeps disabled duplicates).
 */
import type { VariableDefinition } from '@postern/collection';
import { substituteDeep, substituteString, type VariableLookup, variableText } from './substitute.ts';
import type { Variable } from './variable.ts';
import { VariableList } from './variable.ts';

/** Resolves `{{$name}}` dynamic variables (faker lives outside the isolate). */
export type DynamicResolver = (name: string) => string | undefined;

/**
 * A variable scope, optionally layered over other scopes' lists (for `pm.variables`).
 * @example const env = new VariableScope([{ key: 'a', value: '1' }], dyn); env.get('a') // '1'
 */
export class VariableScope {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(VariableScope, 'name', { value: 'PostmanVariableScope' });
  }

  readonly values: VariableList;
  declare id?: string;
  declare name?: string;
  readonly #layers: VariableList[];
  readonly #dynamic: DynamicResolver;

  constructor(
    values: unknown,
    dynamic: DynamicResolver,
    layers: VariableList[] = [],
    identity?: { id?: string; name?: string },
  ) {
    this.values = new VariableList(Array.isArray(values) ? values : undefined);
    if (identity?.id !== undefined) this.id = identity.id;
    if (identity?.name !== undefined) this.name = identity.name;
    this.#layers = layers;
    this.#dynamic = dynamic;
  }

  #find(key: string): Variable | undefined {
    const own = this.values.oneNormalizedVariable(key);
    if (own) return own;
    for (const layer of this.#layers) {
      const found = layer.oneNormalizedVariable(key);
      if (found) return found;
    }
    return undefined;
  }

  has(key: unknown): boolean {
    return this.#find(String(key)) !== undefined;
  }

  get(key: unknown): unknown {
    return this.#find(String(key))?.valueOf();
  }

  /** Sets (or adds) the variable; a type name given as third argument changes its type. */
  set(key: unknown, value: unknown, type?: unknown): void {
    const name = String(key);
    const update: Record<string, unknown> = { key: name, value };
    if (typeof type === 'string') update.type = type;
    const existing = this.values.oneNormalizedVariable(name);
    if (existing) existing.update(update);
    else this.values.add(update);
  }

  /** Removes the key's enabled variables (disabled ones stay, as in Postman). */
  unset(key: unknown): void {
    const name = String(key);
    this.values.remove((v: Variable) => v.key === name && !v.disabled);
  }

  clear(): void {
    this.values.clear();
  }

  /** `{ key: value }` merged over the layers (lowest precedence first), disabled variables included. */
  toObject(excludeDisabled?: boolean, caseSensitive?: boolean): Record<string, unknown> {
    const own = this.values.toObject(excludeDisabled, caseSensitive);
    if (this.#layers.length === 0) return own;
    const merged: Record<string, unknown> = {};
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      Object.assign(merged, this.#layers[i]!.toObject(excludeDisabled, caseSensitive));
    }
    return Object.assign(merged, own);
  }

  /** Resolves `{{name}}` in a string, array or object against this scope, its layers and `$dynamic`s. */
  replaceIn(template: unknown): unknown {
    const lookup: VariableLookup = (name) => {
      const variable = this.#find(name);
      if (variable) return variableText(variable.valueOf());
      return name.startsWith('$') ? this.#dynamic(name) : undefined;
    };
    if (typeof template === 'string') return substituteString(template, lookup);
    if (template !== null && typeof template === 'object') return substituteDeep(template, lookup);
    return template;
  }

  /** Sets every `{ key: value }` of an object, removing keys it lacks. */
  syncVariablesFrom(obj: unknown): void {
    this.values.syncFromObject(obj);
  }

  syncVariablesTo(): Record<string, unknown> {
    return this.values.syncToObject();
  }

  toJSON(): { values: VariableDefinition[] } {
    return { values: this.values.members.map((v) => v.toJSON()) };
  }

  /** The scope's variables as definitions, for the execution result (`local`: the pm.variables scope). */
  toDefinitions(local = false): VariableDefinition[] {
    return this.values.members.map((v) => v.toDefinition(local));
  }
}
