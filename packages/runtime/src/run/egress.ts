/**
 * The runner's guard for secrets bound to hosts: a variable (environment, globals or collection)
 * with `allowedDomains` may only be sent to hosts matching them. Checked on every hop of every
 * request, items and `pm.sendRequest` alike, after auth signing and on each redirect (through the
 * HTTP layer's egress hook). A run without such variables gets no hook at all, so it pays nothing.
 */
import { type VariableScope, variableText } from '@postern/collection';
import {
  checkEgress,
  describeEgressViolation,
  type EgressSecret,
  HostPatternError,
  parseHostPattern,
  secretsBarredFrom,
} from '@postern/secrets/runtime';
import type { EgressPin, HttpRequest, SendOptions } from '../http/types.ts';
import type { RunScopes } from './scopes.ts';

/** A request refused because it would carry a secret to a host outside its allowed domains. */
export class SecretEgressError extends Error {
  override readonly name = 'SecretEgressError';
  readonly code = 'ESECRETEGRESS';
}

/** A bound secret as the run started; its scope is read again on each request. */
interface BoundSecret {
  key: string;
  scope: VariableScope;
  /** The value at the start: still refused if a script copies it into another variable. */
  initial: string;
  allowedDomains: string[];
}

/**
 * The egress hook for a run's scopes, or undefined when no variable has `allowedDomains`. Throws
 * (before the run starts) when a pattern is not a host pattern.
 *
 * @example
 * const checkEgress = secretEgressGuard(scopes);
 * await sendHttpRequest(request, { tls, profile, checkEgress });
 */
export function secretEgressGuard(scopes: RunScopes): SendOptions['checkEgress'] {
  const bound = [
    ...boundSecrets('globals', scopes.globals),
    ...boundSecrets('collection', scopes.collectionVariables),
    ...boundSecrets('environment', scopes.environment),
  ];
  if (bound.length === 0) return undefined;
  return (url, request) => {
    const barred = secretsBarredFrom(url.hostname, currentSecrets(bound));
    if (barred.length === 0) return;
    const decision = checkEgress(
      { url: request.url, host: url.hostname, headers: request.headers, body: bodyText(request) },
      barred,
    );
    if (!decision.allowed) throw new SecretEgressError(describeEgressViolation(decision));
  };
}

/**
 * One egress hook from several (undefined ones skipped): each runs in order, the first refusal
 * wins, and the last address a guard returns is the one the hop is pinned to.
 *
 * @example
 * const checkEgress = chainEgressGuards(secretEgressGuard(scopes), createSsrfGuard({ allowLoopback: false }));
 */
export function chainEgressGuards(...guards: Array<SendOptions['checkEgress']>): SendOptions['checkEgress'] {
  const present = guards.filter((g): g is NonNullable<typeof g> => g !== undefined);
  if (present.length <= 1) return present[0];
  return async (url, request) => {
    let pin: EgressPin | undefined;
    for (const guard of present) pin = (await guard(url, request)) ?? pin;
    return pin;
  };
}

/** A variable's `allowedDomains` holds something that is not a host pattern (bad input, not a run failure). */
export class AllowedDomainsError extends Error {
  constructor(
    readonly scopeName: 'globals' | 'collection' | 'environment',
    readonly key: string,
    reason: string,
  ) {
    super(`${scopeName} variable "${key}": allowedDomains ${reason}`);
    this.name = 'AllowedDomainsError';
  }
}

function boundSecrets(scopeName: AllowedDomainsError['scopeName'], scope: VariableScope): BoundSecret[] {
  const out: BoundSecret[] = [];
  for (const definition of scope.values()) {
    const domains = definition.allowedDomains;
    if (!Array.isArray(domains) || domains.length === 0) continue;
    for (const pattern of domains) {
      try {
        parseHostPattern(String(pattern));
      } catch (error) {
        if (!(error instanceof HostPatternError)) throw error;
        throw new AllowedDomainsError(scopeName, definition.key, error.message);
      }
    }
    out.push({
      key: definition.key,
      scope,
      initial: variableText(definition),
      allowedDomains: domains.map(String),
    });
  }
  return out;
}

/** Each bound secret's value at the start and its value now (a script may have changed it). */
function currentSecrets(bound: readonly BoundSecret[]): EgressSecret[] {
  const out: EgressSecret[] = [];
  for (const b of bound) {
    out.push({ name: b.key, value: b.initial, allowedDomains: b.allowedDomains });
    const now = b.scope.definition(b.key);
    const value = now ? variableText(now) : b.initial;
    if (value !== b.initial) out.push({ name: b.key, value, allowedDomains: b.allowedDomains });
  }
  return out;
}

function bodyText(request: HttpRequest): string | undefined {
  return request.body ? request.body.data.toString('utf8') : undefined;
}
