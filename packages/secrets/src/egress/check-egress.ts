/**
 * The egress policy for secrets bound to hosts ("allowed domains"): before a request leaves, every
 * secret whose patterns do not match the destination host must be absent from its URL, headers
 * and body. Pure: the runner and the web UI share it.
 */
import { hostAllowed, normaliseHost } from './host-pattern.ts';
import { containsSecret, secretNeedles } from './secret-forms.ts';

export interface EgressRequest {
  /** The full URL, user info and query included. */
  url: string;
  /** The destination host when the caller has parsed it already; otherwise taken from `url`. */
  host?: string;
  headers: ReadonlyArray<{ key: string; value: string }>;
  body?: string;
}

/** A secret and the host patterns it may be sent to (`api.stripe.com`, `*.example.com`). */
export interface EgressSecret {
  name: string;
  value: string;
  allowedDomains: readonly string[];
}

export type EgressDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** The secret's name (never its value). */
      secret: string;
      host: string;
      where: 'url' | 'header' | 'body';
      allowedDomains: readonly string[];
    };

export type EgressViolation = Extract<EgressDecision, { allowed: false }>;

/** The host a request goes to, as patterns see it ('' when the URL has none). */
export function destinationHost(request: Pick<EgressRequest, 'url' | 'host'>): string {
  if (request.host !== undefined) return normaliseHost(request.host) ?? '';
  try {
    return normaliseHost(new URL(request.url).hostname) ?? '';
  } catch {
    return '';
  }
}

/**
 * The secrets that may not go to `host`. Callers that build the request text lazily ask this first:
 * when it is empty, there is nothing to search.
 *
 * @example secretsBarredFrom('evil.example', [{ name: 'k', value: 'v…', allowedDomains: ['api.stripe.com'] }])
 */
export function secretsBarredFrom<T extends EgressSecret>(host: string, secrets: readonly T[]): T[] {
  return secrets.filter((s) => !hostAllowed(host, s.allowedDomains));
}

/**
 * Decides whether a request may leave: refused when a secret not allowed for its host is in the
 * URL, a header (name or value) or the body, also percent-encoded, JSON-escaped or in base64.
 *
 * @example
 * checkEgress(
 *   { url: 'https://evil.example/?k=sk_live_123', headers: [] },
 *   [{ name: 'stripeKey', value: 'sk_live_123', allowedDomains: ['api.stripe.com'] }],
 * ); // { allowed: false, secret: 'stripeKey', host: 'evil.example', where: 'url', allowedDomains: [...] }
 */
export function checkEgress(request: EgressRequest, secrets: readonly EgressSecret[]): EgressDecision {
  const host = destinationHost(request);
  for (const secret of secretsBarredFrom(host, secrets)) {
    const needles = secretNeedles(secret.value);
    const refuse = (where: EgressViolation['where']): EgressViolation => ({
      allowed: false,
      secret: secret.name,
      host,
      where,
      allowedDomains: secret.allowedDomains,
    });
    if (containsSecret(request.url, needles)) return refuse('url');
    for (const h of request.headers) {
      if (containsSecret(h.key, needles) || containsSecret(h.value, needles)) return refuse('header');
    }
    if (request.body !== undefined && containsSecret(request.body, needles)) return refuse('body');
  }
  return { allowed: true };
}

/**
 * The message for a refused request; names the secret, never its value.
 *
 * @example
 * describeEgressViolation(v);
 * // 'refused to send secret "stripeKey" to host evil.example (allowed: api.stripe.com; found in a header)'
 */
export function describeEgressViolation(violation: EgressViolation): string {
  const where = { url: 'the URL', header: 'a header', body: 'the body' }[violation.where];
  return (
    `refused to send secret "${violation.secret}" to host ${violation.host || '(none)'} ` +
    `(allowed: ${violation.allowedDomains.join(', ')}; found in ${where})`
  );
}
