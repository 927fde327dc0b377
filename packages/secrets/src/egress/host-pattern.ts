/**
 * Host patterns for "allowed domains": `api.stripe.com` (that host only) or `*.example.com` (its
 * sub-domains at any depth, not `example.com` itself). Matching is on the host alone, ASCII
 * (IDNs in punycode), case-insensitive, without a trailing dot. Uses the WHATWG URL parser, so it
 * works the same in Node and in browsers.
 */

/** A pattern that is not a host name, IP address or `*.` wildcard. */
export class HostPatternError extends Error {
  override readonly name = 'HostPatternError';
}

export interface HostPattern {
  /** `exact`: this host; `subdomains`: any host ending in `.<host>`. */
  kind: 'exact' | 'subdomains';
  /** ASCII, lower case, no trailing dot; IPv6 in brackets. */
  host: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The host as URLs name it: ASCII (punycode), lower case, no trailing dot, IPv6 in brackets.
 * Returns undefined for text no URL parser accepts as a host.
 *
 * @example normaliseHost('BÜCHER.example.') // 'xn--bcher-kva.example'
 */
export function normaliseHost(host: string): string | undefined {
  const trimmed = host.trim();
  if (trimmed === '' || /[/\\?#@\s]/.test(trimmed)) return undefined;
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  let parsed: URL;
  try {
    parsed = new URL(`http://${bracketed}/`);
  } catch {
    return undefined;
  }
  // A port, or anything else the parser moved out of the host, means this was not just a host.
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.hostname.replace(/\.$/, '');
}

/**
 * Parses one allowed-domains entry; throws HostPatternError saying what a pattern may be.
 *
 * @example
 * parseHostPattern('*.Example.com'); // { kind: 'subdomains', host: 'example.com' }
 */
export function parseHostPattern(pattern: string): HostPattern {
  const problem = (why: string) =>
    new HostPatternError(
      `"${pattern}" is not a host pattern (${why}): use a host name such as api.example.com, ` +
        'an IP address, or *.example.com for its sub-domains',
    );
  const wildcard = pattern.trim().startsWith('*.');
  const rest = wildcard ? pattern.trim().slice(2) : pattern;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) throw problem('no scheme');
  if (rest.includes('*')) throw problem('"*" only as the first label, as in *.example.com');
  if (/:\d+$/.test(rest) && !rest.endsWith(']') && (rest.match(/:/g) ?? []).length === 1) {
    throw problem('no port');
  }
  const host = normaliseHost(rest);
  if (host === undefined) throw problem(rest.trim() === '' ? 'empty' : 'not a valid host');
  if (wildcard && (IPV4.test(host) || host.startsWith('['))) throw problem('no wildcard on an IP address');
  return { kind: wildcard ? 'subdomains' : 'exact', host };
}

/**
 * Whether a (normalised) host matches a parsed pattern.
 *
 * @example hostMatches('eu.api.example.com', parseHostPattern('*.example.com')) // true
 */
export function hostMatches(host: string, pattern: HostPattern): boolean {
  return pattern.kind === 'exact' ? host === pattern.host : host.endsWith(`.${pattern.host}`);
}

/**
 * Whether `host` matches any of the patterns. Patterns that do not parse match nothing (a secret
 * bound to a broken pattern is refused everywhere rather than sent anywhere).
 *
 * @example hostAllowed('API.stripe.com', ['api.stripe.com']) // true
 */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const normalised = normaliseHost(host);
  if (normalised === undefined) return false;
  for (const text of patterns) {
    let pattern: HostPattern;
    try {
      pattern = parseHostPattern(text);
    } catch {
      continue;
    }
    if (hostMatches(normalised, pattern)) return true;
  }
  return false;
}
