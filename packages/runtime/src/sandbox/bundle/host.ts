/**
 * The host's callback, taken off the global object before any other module of the bundle runs (this
 * module is the entry's first import), so scripts can only reach it through the APIs built on it.
 */
import { HOST_GLOBAL, type HostCallKind } from '../protocol.ts';

type HostFunction = (kind: HostCallKind, ...args: unknown[]) => unknown;

const globals = globalThis as unknown as Record<string, unknown>;
const hostFunction = globals[HOST_GLOBAL] as HostFunction | undefined;
delete globals[HOST_GLOBAL];

/**
 * Calls the host synchronously; arguments and result are copied.
 * @example callHost('console', 'log', ['hello'])
 */
export function callHost(kind: HostCallKind, ...args: unknown[]): unknown {
  if (!hostFunction) throw new Error('sandbox: host bridge missing');
  return hostFunction(kind, ...args);
}
