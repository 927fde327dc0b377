/** Reading `--reporter-<name>-<option>` values, which arrive camelCased or kebab-cased, as text or booleans. */
import type { ReporterOptions } from '../types.ts';

function lookup(options: ReporterOptions, name: string): string | boolean | undefined {
  if (name in options) return options[name];
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return options[kebab];
}

/**
 * A boolean reporter option (`noSummary`, accepted as `no-summary` too; `'false'` and `'0'` are false).
 *
 * @example
 * optionFlag({ 'no-summary': true }, 'noSummary'); // true
 */
export function optionFlag(options: ReporterOptions, name: string): boolean {
  const value = lookup(options, name);
  if (typeof value === 'string') return value !== '' && value !== 'false' && value !== '0';
  return value === true;
}

/**
 * A text reporter option, or undefined when absent or given as a bare flag.
 *
 * @example
 * optionText({ export: 'out.json' }, 'export'); // 'out.json'
 */
export function optionText(options: ReporterOptions, name: string): string | undefined {
  const value = lookup(options, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
