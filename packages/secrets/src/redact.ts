/** A secret to hide: its variable name and clear value. */
export interface NamedSecret {
  name: string;
  value: string;
}

/** Values shorter than this are not redacted: replacing "1" everywhere would garble output. */
const MIN_SECRET_LENGTH = 4;

/**
 * Builds a function that replaces every occurrence of each secret value by `[secret:<name>]`.
 * Longer values are replaced first, so a secret that contains another is hidden whole.
 *
 * @example
 * const redact = createRedactor([{ name: 'apiKey', value: 's3cr3t-value' }]);
 * redact('Authorization: s3cr3t-value'); // 'Authorization: [secret:apiKey]'
 */
export function createRedactor(secrets: readonly NamedSecret[]): (text: string) => string {
  const usable = secrets
    .filter((s) => typeof s.value === 'string' && s.value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
  if (usable.length === 0) return (text) => text;
  const byValue = new Map(usable.map((s) => [s.value, s.name]));
  const pattern = new RegExp(usable.map((s) => escapeRegExp(s.value)).join('|'), 'g');
  return (text) => text.replace(pattern, (match) => `[secret:${byValue.get(match) ?? 'unknown'}]`);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
