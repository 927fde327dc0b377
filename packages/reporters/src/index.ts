/**
 * Newman-compatible reporters as run listeners: `cli`, `json`, `junit`, `html` and `progress`.
 *
 * @example
 * import { getReporter } from '@postern/reporters';
 * const reporter = getReporter('json')?.({ export: 'out.json' }, ctx);
 */
import { cliReporter } from './cli/cli-reporter.ts';
import { htmlReporter } from './html/html-reporter.ts';
import { jsonReporter } from './json/json-reporter.ts';
import { junitReporter } from './junit/junit-reporter.ts';
import { progressReporter } from './progress/progress-reporter.ts';
import type { ReporterFactory } from './types.ts';

export type * from './types.ts';

export type ReporterName = 'cli' | 'json' | 'junit' | 'html' | 'progress';

export const reporters: Record<ReporterName, ReporterFactory> = {
  cli: cliReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
  progress: progressReporter,
};

/**
 * The reporter factory registered under `name`, or undefined for an unknown name.
 *
 * @example
 * getReporter('junit'); // junitReporter
 * getReporter('teamcity'); // undefined
 */
export function getReporter(name: string): ReporterFactory | undefined {
  return Object.hasOwn(reporters, name) ? reporters[name as ReporterName] : undefined;
}

export { cliReporter, htmlReporter, jsonReporter, junitReporter, progressReporter };
