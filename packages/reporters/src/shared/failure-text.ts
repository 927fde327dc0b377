/** Failure fields as Newman words them in its CLI table and JSON report. */
import type { Failure } from '@postern/runtime';
import { fullName } from './collection-index.ts';

/**
 * Newman's `at`: `assertion:<index> in test-script` for assertions, else the phase as given.
 *
 * @example
 * failureLocation({ at: 'assertion', error: { index: 1 } } as Failure); // 'assertion:1 in test-script'
 */
export function failureLocation(failure: Pick<Failure, 'at' | 'error'>): string {
  if (failure.at === 'assertion') return `assertion:${failure.error.index ?? 0} in test-script`;
  return failure.at;
}

/** `Folder / Sub / item` of the failure's source (just the name when the source has no path). */
export function failureSourceName(failure: Pick<Failure, 'source'>): string {
  const source = failure.source as { name: string; path?: string[] };
  return fullName(source);
}
