/**
 * The run's variable state and the lookup that resolves `{{name}}` across it, highest first:
 * local (`pm.variables.set`) > iteration data > environment > collection > globals > dynamic.
 */
import { dynamicVariable, type VariableDefinition, type VariableScope } from '@postern/collection';
import type { ScriptScopes } from '../sandbox/types.ts';

export interface RunScopes {
  globals: VariableScope;
  environment: VariableScope;
  collectionVariables: VariableScope;
  /** Local variables persist across the items of a run, as in Newman. */
  local: VariableScope;
}

/** Creates the lookup for one item execution. */
export function lookupFor(scopes: RunScopes, data: Record<string, unknown>): (name: string) => unknown {
  return (name) => {
    if (scopes.local.has(name)) return scopes.local.get(name);
    if (Object.hasOwn(data, name)) return data[name];
    if (scopes.environment.has(name)) return scopes.environment.get(name);
    if (scopes.collectionVariables.has(name)) return scopes.collectionVariables.get(name);
    if (scopes.globals.has(name)) return scopes.globals.get(name);
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
  const old = new Map<string, VariableDefinition>();
  for (const v of before) old.set(v.key, v);
  const seen = new Set<string>();
  for (const v of after) {
    seen.add(v.key);
    const prev = old.get(v.key);
    if (!prev || prev.value !== v.value || prev.type !== v.type || prev.disabled !== v.disabled) {
      scope.set(v.key, v.value, v.type);
    }
  }
  for (const key of old.keys()) if (!seen.has(key)) scope.unset(key);
  if (after.length === 0 && before.length > 0) scope.clear();
}
