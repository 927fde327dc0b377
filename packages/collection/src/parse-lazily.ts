/**
 * `parseIterationData` for startup-sensitive hosts (`postern run`): the module and its CSV parser
 * load on first use instead of with the package.
 */
import type { IterationDataFormat } from './iteration-data.ts';

/**
 * `parseIterationData`, loaded (with csv-parse) on first use.
 * @example const rows = await parseIterationDataLazily('user\nada\n', 'csv'); // [{ user: 'ada' }]
 */
export async function parseIterationDataLazily(
  text: string,
  format: IterationDataFormat,
): Promise<Array<Record<string, unknown>>> {
  const { parseIterationData } = await import('./iteration-data.ts');
  return parseIterationData(text, format);
}
