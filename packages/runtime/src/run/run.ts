import type { RunListener, RunSummary } from '../events.ts';
import type { RunOptions } from './options.ts';

/**
 * Runs a collection: iterations × items, scripts in the sandbox, requests over HTTP, events to the
 * listener as they happen. Resolves with the summary when the run ends (also passed to `done`).
 */
export async function run(_options: RunOptions, _listener: RunListener): Promise<RunSummary> {
  throw new Error('the runner loop is being written (see packages/runtime/src/run)');
}
