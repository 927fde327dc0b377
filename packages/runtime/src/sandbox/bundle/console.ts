/**
 * The `console` scripts see: Newman's levels (log, info, warn, error, debug, clear), each message
 * copied out as plain data. `clear` exists (scripts call it) but the runner has no use for it.
 */
import { callHost } from './host.ts';
import { toPlainData } from './plain-data.ts';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

export type ScriptConsole = Record<(typeof LEVELS)[number] | 'clear', (...args: unknown[]) => void>;

/**
 * Sends one console call to the host.
 * @example sendConsole('warn', ['careful', { a: 1 }])
 */
export function sendConsole(level: string, args: unknown[]): void {
  const seen = new Map<object, unknown>();
  const messages = args.map((arg) => toPlainData(arg, seen));
  callHost('console', level, messages);
}

/** Builds the script-facing console object. */
export function createConsole(): ScriptConsole {
  const out = { clear: () => {} } as ScriptConsole;
  for (const level of LEVELS) {
    out[level] = (...args: unknown[]) => sendConsole(level, args);
  }
  return out;
}
