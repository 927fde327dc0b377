/**
 * Puts an HttpRequest on the wire the way Newman's requester does: redirects followed by hand
 * (per protocolProfileBehavior), cookies read from and stored into the jar on every hop, the egress
 * guard consulted before every hop, responses decompressed, errors named as Newman names them.
 */
import type { ReceivedResponse } from '../events.ts';
import { effectiveTls } from './agents.ts';
import type { CookieJarLike } from './cookies.ts';
import { decodeBody, hasNoBody, responseHeaders } from './decode.ts';
import { httpFailure } from './errors.ts';
import { getHeader, removeHeader, setHeader } from './headers.ts';
import { dispatchHop, type HopRequest, type HopResponse } from './transport.ts';
import type { HeaderEntry, HttpRequest, HttpResult, SendOptions, TimingPhases } from './types.ts';
import { resolveLocation, splitUrl, type UrlTarget, urlFromString } from './url.ts';
import { flattenHeaders, wireHeaders } from './wire.ts';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The state carried from hop to hop. */
interface Hop {
  method: string;
  url: string;
  headers: HeaderEntry[];
  body?: HttpRequest['body'];
}

function originOf(target: UrlTarget): string {
  const port = target.port || DEFAULT_PORTS[target.protocol];
  return `${target.protocol}//${target.hostname}:${port}`;
}

function validateTarget(target: UrlTarget, url: string): void {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw httpFailure(`Invalid protocol: ${target.protocol}`);
  }
  if (!target.hostname) throw httpFailure(`Invalid URI "${url}"`);
}

/** The URL handed to the egress guard; a host no URL parser accepts cannot be reached either. */
function egressUrl(target: UrlTarget): URL {
  const port = target.port ? `:${target.port}` : '';
  try {
    return new URL(`${target.protocol}//${target.hostname}${port}${target.path}`);
  } catch {
    try {
      return new URL(`${target.protocol}//${target.hostname}${port}/`);
    } catch {
      throw httpFailure(`getaddrinfo ENOTFOUND ${target.hostname}`, 'ENOTFOUND');
    }
  }
}

async function jarCookiesFor(jar: CookieJarLike, url: string): Promise<string> {
  try {
    return await jar.getCookieString(url);
  } catch {
    return '';
  }
}

/** The value of each raw header named `name` (lower case), in order. */
function rawValues(rawHeaders: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i] as string;
    if (key.length === name.length && key.toLowerCase() === name) values.push(rawHeaders[i + 1] as string);
  }
  return values;
}

async function storeCookies(jar: CookieJarLike, url: string, setCookies: readonly string[]): Promise<void> {
  for (const header of setCookies) await jar.setCookie(header, url).catch(() => undefined);
}

function locationOf(rawHeaders: readonly string[]): string | undefined {
  return rawValues(rawHeaders, 'location')[0];
}

/** The Host header postman-request sets after a redirect: the default port is left out. */
function redirectHost(target: UrlTarget): string {
  return target.port && target.port !== DEFAULT_PORTS[target.protocol]
    ? `${target.hostname}:${target.port}`
    : target.hostname;
}

/**
 * The request for the next hop, following postman-request's redirect rules. Mutates `hop`.
 */
function followRedirect(
  hop: Hop,
  from: UrlTarget,
  status: number,
  location: string,
  opts: SendOptions,
): void {
  const profile = opts.profile;
  const previousUrl = hop.url;
  hop.url = urlFromString(resolveLocation(previousUrl, location), profile.disableUrlEncoding === true).href;
  const to = splitUrl(hop.url);

  if (from.hostname !== to.hostname && profile.followAuthorizationHeader !== true) {
    removeHeader(hop.headers, 'authorization');
  }
  if (profile.followOriginalHttpMethod !== true && status !== 307 && status !== 308) {
    if (hop.method !== 'HEAD') hop.method = 'GET';
    hop.body = undefined;
    removeHeader(hop.headers, 'content-type');
    removeHeader(hop.headers, 'content-length');
  }
  if (profile.removeRefererHeaderOnRedirect !== true) setHeader(hop.headers, 'Referer', previousUrl);
  // postman-request drops Host after every response and sets it again for the new URL.
  const hostDisabled = profile.disabledSystemHeaders?.host === true;
  const hadHost = getHeader(hop.headers, 'host') !== undefined;
  removeHeader(hop.headers, 'host');
  if (hadHost || !hostDisabled) hop.headers.push({ key: 'Host', value: redirectHost(to) });
}

/**
 * Sends a request, following redirects, and returns the final response.
 * Network failures reject with an Error whose message is Newman's (`connect ECONNREFUSED …`).
 *
 * @example
 * const jar = createCookieJar()
 * const { response } = await sendHttpRequest(request, { tls: { rejectUnauthorized: true }, profile: {}, cookieJar: jar })
 */
export async function sendHttpRequest(req: HttpRequest, opts: SendOptions): Promise<HttpResult> {
  const started = performance.now();
  const profile = opts.profile;
  const followRedirects = profile.followRedirects !== false;
  const maxRedirects = typeof profile.maxRedirects === 'number' ? profile.maxRedirects : 10;
  const cookiesEnabled = profile.disableCookies !== true && opts.cookieJar !== undefined;
  const timeout = opts.timeout && opts.timeout > 0 ? opts.timeout : 0;
  const tls = effectiveTls(opts.tls, profile);
  const lenient = profile.insecureHTTPParser === true;

  const hop: Hop = { method: req.method, url: req.url, headers: req.headers.slice(), body: req.body };
  const originalCookie = getHeader(req.headers, 'cookie');
  const redirects: string[] = [req.url];
  let prepared = 0;
  let sentAt = 0;

  for (let redirectCount = 0; ; redirectCount++) {
    const target = splitUrl(hop.url);
    validateTarget(target, hop.url);
    const pin = opts.checkEgress
      ? await opts.checkEgress(egressUrl(target), { ...hop, headers: hop.headers })
      : undefined;

    // an empty jar (most runs) answers '' without a turn of the event loop
    const jar = cookiesEnabled ? opts.cookieJar : undefined;
    const jarCookies = jar && !jar.isEmpty?.() ? await jarCookiesFor(jar, hop.url) : '';
    const headers = wireHeaders({
      method: hop.method,
      headers: hop.headers,
      body: hop.body,
      profile,
      jarCookies,
      ...(originalCookie !== undefined ? { originalCookie } : {}),
      ...(target.auth !== undefined ? { urlAuth: target.auth } : {}),
    });
    sentAt = performance.now();
    if (redirectCount === 0) prepared = sentAt - started;
    const hopRequest: HopRequest = {
      origin: originOf(target),
      path: target.path,
      method: hop.method,
      headers: flattenHeaders(headers),
      ...(hop.body ? { body: hop.body.data } : {}),
      timeout,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(pin ? { address: pin.address } : {}),
    };
    const response: HopResponse = await dispatchHop(hopRequest, tls, lenient);
    if (jar) {
      const setCookies = rawValues(response.rawHeaders, 'set-cookie');
      if (setCookies.length > 0) await storeCookies(jar, hop.url, setCookies);
    }

    const location =
      response.status >= 300 && response.status < 400 ? locationOf(response.rawHeaders) : undefined;
    if (location === undefined || !followRedirects) {
      return finish(response, { ...hop, headers }, redirects, { started, prepared, sentAt });
    }
    if (redirectCount >= maxRedirects) {
      throw httpFailure(`Exceeded maxRedirects. Probably stuck in a redirect loop ${hop.url}`);
    }
    // Headers added for this hop (Content-Type, Content-Length, Cookie) stay in place for the
    // next one, as postman-request keeps them on its request object.
    hop.headers = headers;
    followRedirect(hop, target, response.status, location, opts);
    redirects.push(hop.url);
  }
}

/** The standard reason phrase of a status (the table loads only for responses without one). */
async function standardReason(status: number): Promise<string> {
  const { default: httpReasons } = await import('http-reasons');
  return httpReasons.lookup(status).name || '';
}

async function finish(
  hop: HopResponse,
  sent: Hop,
  redirects: string[],
  clock: { started: number; prepared: number; sentAt: number },
): Promise<HttpResult> {
  const headers = responseHeaders(hop.rawHeaders);
  const encoding = hasNoBody(sent.method, hop.status) ? undefined : getHeader(headers, 'content-encoding');
  const body = encoding ? await decodeBody(hop.body, encoding) : hop.body;
  const done = performance.now();
  const total = done - clock.started;
  const response: ReceivedResponse = {
    code: hop.status,
    // An empty reason phrase reads as the standard one, as in postman-collection's Response.
    status: hop.statusText || (await standardReason(hop.status)),
    headers,
    body,
    responseTime: Math.round(hop.completedAt - clock.started),
    responseSize: hop.body.length,
  };
  const timings: TimingPhases = {
    prepare: clock.prepared,
    firstByte: hop.headersAt - clock.sentAt,
    download: hop.completedAt - hop.headersAt,
    process: done - hop.completedAt,
    total,
  };
  const request: HttpRequest = { method: sent.method, url: sent.url, headers: sent.headers };
  if (sent.body) request.body = sent.body;
  return { request, response, redirects: redirects.length > 1 ? redirects : [], timings };
}
