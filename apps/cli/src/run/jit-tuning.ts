/**
 * V8 tiering for `postern run`: a run of a few hundred requests ends before code optimised by
 * TurboFan pays back its compile time (on a two-core machine, 500 requests took ~20% less CPU with
 * it off), so TurboFan waits for the first seconds of a large run and is enabled for the rest.
 * The flags are process-wide, for the script sandbox's isolate too. They are set only once the
 * sandbox bundle is compiled: V8's code caches record the flags they were made with.
 */
import { type Collection, isItemGroup, type TreeNode } from '@postern/collection';

/** Below this many requests the run is short anyway, and loading `node:v8` costs a few ms. */
const LARGE_RUN_REQUESTS = 100;
/** How long TurboFan waits; a run still going by then is long enough to profit from it. */
const TURBOFAN_DELAY_MS = 2000;

function countRequests(nodes: readonly TreeNode[]): number {
  let count = 0;
  for (const node of nodes) count += isItemGroup(node) ? countRequests(node.item) : 1;
  return count;
}

/**
 * Whether a run sends enough requests for the TurboFan delay to matter.
 * @example isLargeRun(collection, 1) // true for a collection of 100 requests or more
 */
export function isLargeRun(collection: Collection, iterations: number): boolean {
  return countRequests(collection.item ?? []) * iterations >= LARGE_RUN_REQUESTS;
}

/**
 * Defers TurboFan for a large run, once `after` has settled (the sandbox bundle compiled).
 * @example deferOptimisingCompiler(collection, iterations, started.sandbox);
 */
export function deferOptimisingCompiler(
  collection: Collection,
  iterations: number,
  after: Promise<unknown>,
): void {
  if (!isLargeRun(collection, iterations)) return;
  after
    .catch(() => undefined)
    .then(() => import('node:v8'))
    .then(({ setFlagsFromString }) => {
      setFlagsFromString('--no-turbofan');
      setTimeout(() => setFlagsFromString('--turbofan'), TURBOFAN_DELAY_MS).unref();
    })
    .catch(() => undefined);
}
