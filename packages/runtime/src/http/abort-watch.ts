/**
 * One abort listener per signal for all the requests in flight under it: a run's signal watches
 * thousands of requests, and an addEventListener/removeEventListener pair per request costs more.
 */

/** What to do on each signal's abort, in the order registered. */
const abortWatchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `onAbort` when `signal` aborts, until the returned function is called.
 *
 * @example
 * const unwatch = watchAbort(signal, () => socket.destroy())
 */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let watchers = abortWatchers.get(signal);
  if (!watchers) {
    const set = new Set<() => void>();
    watchers = set;
    abortWatchers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        const pending = [...set];
        set.clear();
        for (const watcher of pending) watcher();
      },
      { once: true },
    );
  }
  const registered = watchers;
  registered.add(onAbort);
  return () => {
    registered.delete(onAbort);
  };
}
