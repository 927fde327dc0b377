/**
 * Which lookups get `Secure` cookies, decided as Newman's tough-cookie 4.1.3 decides: an explicit
 * `secure` option, else https and wss URLs, else (RFC 6265's localhost rule) a local host reached
 * over plain http. tough-cookie 6 has the same idea behind `allowSecureOnLocal`, but counts more
 * hosts as local (`localhost.`, `127.1`, `[0:0:0:0:0:0:0:1]`) and has no `secure` option, so the
 * jar turns it off and asks with the scheme tough-cookie 4 would have treated as secure.
 */
import { splitUrl } from './url.ts';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

/**
 * tough-cookie 4.1.3's `isLocalhost`: `localhost`, `*.localhost`, `::1` and dotted-quad `127.*`.
 *
 * @example
 * isLocalCookieHost('127.0.0.1') // true
 * isLocalCookieHost('127.1') // false: only a full dotted quad counts
 */
export function isLocalCookieHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return IPV4.test(host) && host.startsWith('127.');
}

/** The host as tough-cookie 4 sees it: the URL decoded, parsed as typed, then canonicalised. */
function typedHost(url: string): string {
  let host = splitUrl(url).hostname;
  try {
    host = decodeURI(host);
  } catch {
    // tough-cookie 4 keeps a malformed URL as it is
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host.trim().replace(/^\./, '').toLowerCase();
}

/**
 * The URL to hand tough-cookie 6 so that it returns `Secure` cookies exactly when tough-cookie 4
 * would: the same URL, its scheme switched to https (or http) where the two disagree.
 *
 * @example
 * secureLookupUrl('http://127.0.0.1:3000/a') // URL https://127.0.0.1:3000/a (loopback is secure)
 * secureLookupUrl('https://api.test/', false) // URL http://api.test/
 * secureLookupUrl('http://api.test/') // 'http://api.test/' (unchanged)
 */
export function secureLookupUrl(url: string, secure?: boolean): string | URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // tough-cookie rejects it as before
  }
  const secureScheme = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  const wanted = secure ?? (secureScheme || isLocalCookieHost(typedHost(url)));
  if (wanted === secureScheme) return url;
  parsed.protocol = wanted ? 'https:' : 'http:';
  return parsed;
}
