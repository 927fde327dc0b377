/**
 * What the server scans for secrets: a collection's stored v2.1 JSON as it is, and an environment
 * as a Postman environment document of its default-typed values. Secret-typed values are left out:
 * a secret variable is where a secret belongs (sealed at rest, masked in every answer), so only
 * their keys stay in the document, keeping `values[i]` the variable's position.
 */
import { type Finding, scanDocument } from '@postern/secrets';

/** An environment variable as the scanner needs it (a draft being saved or a stored row). */
export interface ScannableVariable {
  key: string;
  type: string;
  value: string | null;
}

/**
 * The secrets in a collection's stored JSON text.
 *
 * @example scanCollectionContent(stored.content); // [{ ruleId: 'github-pat', jsonPath: 'item[0].request.auth.bearer[0].value', … }]
 */
export function scanCollectionContent(content: string): Finding[] {
  return scanDocument(content);
}

/**
 * The environment document scanned for secrets: a Postman environment with one variable per line
 * (`values[i]` is on line i + 2), so a finding's line names its variable. Secret-typed variables
 * keep only their key.
 *
 * @example
 * environmentDocument('Prod', [{ key: 'host', type: 'default', value: 'api.example', enabled: true }]);
 * // '{"name":"Prod","values":[\n{"key":"host","value":"api.example"}\n]}'
 */
export function environmentDocument(name: string, variables: readonly ScannableVariable[]): string {
  const lines = variables.map((v) =>
    JSON.stringify(
      v.type === 'secret' ? { key: v.key, type: 'secret' } : { key: v.key, value: v.value ?? '' },
    ),
  );
  return `{"name":${JSON.stringify(name)},"values":[\n${lines.join(',\n')}\n]}`;
}

/**
 * The secrets in an environment's default-typed values (and its name and keys).
 *
 * @example scanEnvironmentValues('Prod', drafts); // [{ jsonPath: 'values[3].value', … }]
 */
export function scanEnvironmentValues(name: string, variables: readonly ScannableVariable[]): Finding[] {
  return scanDocument(environmentDocument(name, variables));
}

/** The identity of a finding within its element: the same secret at the same place. */
export function findingKey(fingerprint: string, jsonPath: string): string {
  return `${fingerprint}\u0000${jsonPath}`;
}

/** A finding's JSON path (every scanned document is JSON; text findings have none). */
export function pathOf(finding: Finding): string {
  return finding.jsonPath ?? '';
}
