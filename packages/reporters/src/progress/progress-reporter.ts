/** Newman's `progress` reporter: a single progress bar over all items of all iterations. */

import { optionFlag } from '../shared/options.ts';
import type { ReporterFactory } from '../types.ts';
import { type RunProgressBar, startProgressBar } from './progress-bar.ts';

/**
 * @example
 * const reporter = progressReporter({}, ctx); // draws on ctx.stdout when it is a TTY
 */
export const progressReporter: ReporterFactory = (options, ctx) => {
  if (ctx.silent || optionFlag(options, 'silent')) return {};
  let bar: RunProgressBar | undefined;
  let failures = 0;
  return {
    start(e) {
      bar = startProgressBar(ctx.stdout, e.cursor.length * e.cursor.cycles);
    },
    failure() {
      failures += 1;
    },
    item() {
      bar?.tick(failures);
    },
    done() {
      bar?.stop();
    },
    async close() {
      bar?.stop();
    },
  };
};
