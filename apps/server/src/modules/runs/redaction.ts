/**
 * Redaction of a server-side run's result: every string in it goes through the secrets package's
 * redactor (`[secret:<name>]`), fed with each secret value in the forms a run turns it into —
 * as is, JSON-escaped, percent-encoded and base64 (Basic auth, tokens).
 */
import { createRedactor, type NamedSecret } from '@postern/secrets';

/** The value and its encoded forms, all under the secret's name. */
export function secretForms(secrets: readonly NamedSecret[]): NamedSecret[] {
  const out: NamedSecret[] = [];
  for (const { name, value } of secrets) {
    const forms = new Set([
      value,
      JSON.stringify(value).slice(1, -1),
      encodeURIComponent(value),
      Buffer.from(value, 'utf8').toString('base64'),
      Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, ''),
      Buffer.from(value, 'utf8').toString('base64url'),
    ]);
    for (const form of forms) out.push({ name, value: form });
  }
  return out;
}

/**
 * A copy of `value` with every string (keys included) redacted.
 *
 * @example
 * redactDeep({ a: ['Bearer s3cr3t'] }, createRedactor([{ name: 't', value: 's3cr3t' }]))
 * // { a: ['Bearer [secret:t]'] }
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [redact(k), walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}

/**
 * The redactor of a run's output.
 *
 * @example const redact = runRedactor([{ name: 'apiKey', value: 'sk_live_123' }]);
 */
export function runRedactor(secrets: readonly NamedSecret[]): (text: string) => string {
  return createRedactor(secretForms(secrets));
}
