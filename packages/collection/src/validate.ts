import type { z } from 'zod';
import { CollectionError, describeJsonType } from './errors.ts';

type Issue = z.core.$ZodIssue;

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

/** Rewrites zod's default messages into "expected a string, got a number". */
const errorMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.code === 'invalid_type') {
    const expected = ARTICLE[issue.expected] ?? issue.expected;
    return `expected ${expected}, got ${describeJsonType(issue.input)}`;
  }
  return undefined;
};

/**
 * Validates `input` against `schema`, returning zod's output (unknown fields kept by loose
 * objects) or throwing a `CollectionError` for the most specific problem found.
 *
 * @example validateWith(collectionSchema, json, []) // → CollectionInput
 */
export function validateWith<T>(schema: z.ZodType<T>, input: unknown, basePath: PropertyKey[] = []): T {
  const result = schema.safeParse(input, { error: errorMessage });
  if (result.success) return result.data;
  const issue = mostSpecific(result.error.issues);
  if (!issue) throw new CollectionError('invalid document', basePath);
  throw new CollectionError(issue.message, [...basePath, ...issue.path]);
}

/**
 * A union failure is reported at the branch that got furthest (a branch whose type matched but
 * whose content did not), otherwise with the union's own message ("expected a string or an object").
 */
function mostSpecific(issues: readonly Issue[]): Issue | undefined {
  const first = issues[0];
  if (first?.code !== 'invalid_union') return first;
  let deepest: Issue | undefined;
  for (const branch of first.errors) {
    const candidate = mostSpecific(branch);
    if (candidate && candidate.path.length > 0 && (!deepest || candidate.path.length > deepest.path.length)) {
      deepest = candidate;
    }
  }
  if (!deepest) return first;
  return { ...deepest, path: [...first.path, ...deepest.path] };
}
