/**
 * The run's variable state and the lookup that resolves `{{name}}` across it, highest first:
 * local (`pm.variables.set`) > iteration data > environment > collection > globals > dynamic.
 */
import {
  dynamicVariable,
  type VariableDefinition,
  type VariableScope,
  variableText,
} from '@postern/collection';
import type { ScriptScopes } from '../sandbox/types.ts';

export interface RunScopes {
  globals: VariableScope;
  environment: VariableScope;
  collectionVariables: VariableScope;
  /** Local variables persist across the items of a run, as in Newman. */
  local: VariableScope;
}

/**
 * Creates the lookup for one item execution. A defined variable answers with its text as
 * postman-collection's Variable gives it (`null` → `'null'`, no value → `''`), so a reference to
 * a variable without a value is replaced by nothing, as in Newman, and only an undefined name
 * stays as written. Iteration data stays plain values: a `null` there leaves the reference as written.
 */
export function lookupFor(scopes: RunScopes, data: Record<string, unknown>): (name: string) => unknown {
  return (name) => {
    const local = scopes.local.definition(name);
    if (local) return variableText(local);
    // a data row is a plain object to postman-collection's Substitutor: null leaves the reference
    if (Object.hasOwn(data, name)) return data[name];
    const definition =
      scopes.environment.definition(name) ??
      scopes.collectionVariables.definition(name) ??
      scopes.globals.definition(name);
    if (definition) return variableText(definition);
    return name.startsWith('$') ? dynamicVariable(name) : undefined;
  };
}

/** A snapshot of the scopes for a script execution (copies: other lanes may change the live ones). */
export function scopesToScript(scopes: RunScopes, data: Record<string, unknown>): ScriptScopes {
  return {
    globals: scopes.globals.toJSON(),
    environment: scopes.environment.toJSON(),
    collectionVariables: scopes.collectionVariables.toJSON(),
    local: scopes.local.toJSON(),
    data,
  };
}

/**
 * Applies what a script changed (not the whole snapshot), so scripts of parallel iterations that
 * touch different variables do not overwrite each other.
 */
export function applyScriptScopes(scopes: RunScopes, before: ScriptScopes, after: ScriptScopes): void {
  applyDelta(scopes.globals, before.globals, after.globals);
  applyDelta(scopes.environment, before.environment, after.environment);
  applyDelta(scopes.collectionVariables, before.collectionVariables, after.collectionVariables);
  applyDelta(scopes.local, before.local, after.local);
}

function applyDelta(scope: VariableScope, before: VariableDefinition[], after: VariableDefinition[]): void {
  if (before === after) return;
  if (after.length === 0 && before.length > 0) {
    scope.clear();
    return;
  }
  // Scripts only ever change the enabled definition that answers for a key (set updates it or
  // appends one, unset removes it); disabled entries and shadowed duplicates stay as they were.
  // So compare what answers for each key, not the lists entry by entry.
  const old = effectiveDefinitions(before);
  const now = effectiveDefinitions(after);
  for (const [key, v] of now) {
    const prev = old.get(key);
    if (!prev) scope.set(key, v.value, v.type);
    else if (prev.value !== v.value || (prev.type !== v.type && !sameDefaultType(prev.type, v.type))) {
      scope.set(key, v.value, v.type);
    }
  }
  for (const key of old.keys()) if (!now.has(key)) scope.unset(key);
}

/** key → its last enabled definition (the one `get` and `set` use, as in postman-collection). */
function effectiveDefinitions(values: VariableDefinition[]): Map<string, VariableDefinition> {
  const out = new Map<string, VariableDefinition>();
  for (const v of values) if (!v.disabled) out.set(v.key, v);
  return out;
}

/** The sandbox writes `any` for a definition that had no type: that is not a change. */
function sameDefaultType(a: string | undefined, b: string | undefined): boolean {
  return (a === undefined || a === 'any') && (b === undefined || b === 'any');
}
