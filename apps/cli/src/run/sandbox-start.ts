/**
 * Starts the script sandbox as soon as `postern run` knows its options, before the runner's
 * modules load and the files are read: the isolate compiles and boots on its own thread (~50 ms),
 * so the first script rarely waits for it. The run takes it over (`RunOptions.sandbox`).
 */
import { type StartedSandbox, startSandbox } from '@postern/runtime/sandbox';
import type { RunCliOptions } from './options.ts';

/**
 * @example const sandbox = startRunSandbox(options); await runCommand(options, { ...io, sandbox });
 */
export function startRunSandbox(options: RunCliOptions): StartedSandbox {
  return startSandbox({ timeoutMs: options.timeoutScript });
}
