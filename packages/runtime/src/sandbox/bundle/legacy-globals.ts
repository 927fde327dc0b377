/**
 * The legacy library globals of a script (`_`, `CryptoJS`, `xml2Json`, …), wrapped like Newman's:
 * while the script's synchronous body runs, the first use of each logs
 * `Using "_" is deprecated. Use "require('lodash')" instead.` as a console warning.
 */
import { sendConsole } from './console.ts';
import { DEPRECATED_GLOBALS, LIBRARY_GLOBALS } from './libraries.ts';

interface WarningState {
  enabled: boolean;
  warned: Set<string>;
}

let warnings: WarningState = { enabled: false, warned: new Set() };
const proxies = new Map<string, unknown>();

function warn(name: string): void {
  if (!warnings.enabled || warnings.warned.has(name)) return;
  warnings.warned.add(name);
  sendConsole('warn', [`Using "${name}" is deprecated. Use "${DEPRECATED_GLOBALS[name]}" instead.`]);
}

function deprecationProxy(name: string, value: unknown): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  let proxy = proxies.get(name);
  if (proxy === undefined) {
    proxy = new Proxy(value as (...args: unknown[]) => unknown, {
      get(target, property) {
        warn(name);
        return Reflect.get(target, property);
      },
      set(target, property, newValue) {
        warn(name);
        return Reflect.set(target, property, newValue);
      },
      apply(target, thisArg, args) {
        warn(name);
        return Reflect.apply(target, thisArg, args);
      },
    });
    proxies.set(name, proxy);
  }
  return proxy;
}

/** Starts a script's synchronous run: warnings on, none given yet. */
export function startWarnings(): void {
  warnings = { enabled: true, warned: new Set() };
}

/** The synchronous run ended: later (async) uses are silent, as in Newman. */
export function stopWarnings(): void {
  warnings.enabled = false;
}

/** Producers of the legacy library globals, for `runInScope`'s lazy imports. */
export function legacyLibraryGlobals(): Record<string, () => unknown> {
  const out: Record<string, () => unknown> = {};
  for (const name of Object.keys(LIBRARY_GLOBALS)) {
    const produce = LIBRARY_GLOBALS[name]!;
    out[name] = name in DEPRECATED_GLOBALS ? () => deprecationProxy(name, produce()) : produce;
  }
  return out;
}
