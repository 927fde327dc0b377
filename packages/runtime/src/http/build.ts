/**
 * Turns a variable-resolved RequestDefinition into an HttpRequest as postman-runtime prepares it:
 * the URL encoded by Postman's rules, disabled headers dropped, the body serialised (raw and graphql
 * bodies bring their Content-Type), then the system headers added in Postman's order.
 */
import type { RequestDefinition } from '@postern/collection';
import { buildBody } from './body.ts';
import { addSystemHeaders, isSystemHeaderDisabled, pushSystemHeader } from './headers.ts';
import type { HeaderEntry, HttpRequest, ProtocolProfile } from './types.ts';
import { buildUrl } from './url.ts';

export interface BuildContext {
  /** Directory that relative file paths (file and form-data bodies) are resolved against. */
  workingDir: string;
  profile: ProtocolProfile;
  /** The `User-Agent` system header value. */
  userAgent: string;
  /** Allow body files outside `workingDir` (default true, as Newman). */
  insecureFileRead?: boolean;
  /** Receives Newman's console warnings about body files that could not be read. */
  warn?: (message: string) => void;
}

/**
 * Builds the request to sign and send.
 *
 * @example
 * const request = await buildHttpRequest(
 *   { url: { raw: 'http://127.0.0.1:3000/items?q=a b' }, method: 'GET', header: [] },
 *   { workingDir: process.cwd(), profile: {}, userAgent: 'Postern/0.1.0' },
 * )
 * // request.url === 'http://127.0.0.1:3000/items?q=a%20b'
 */
export async function buildHttpRequest(def: RequestDefinition, ctx: BuildContext): Promise<HttpRequest> {
  const { profile } = ctx;
  const method = (def.method || 'GET').toUpperCase();
  const url = buildUrl(def.url, profile.disableUrlEncoding === true);

  const headers: HeaderEntry[] = [];
  for (const header of def.header ?? []) {
    // Postman drops disabled headers and headers without a name.
    if (!header || header.disabled || !header.key) continue;
    headers.push({ key: header.key, value: header.value == null ? '' : String(header.value) });
  }

  const built = await buildBody(def.body, method, headers, profile.disableBodyPruning === true, {
    workingDir: ctx.workingDir,
    ...(ctx.insecureFileRead !== undefined ? { insecureFileRead: ctx.insecureFileRead } : {}),
    ...(ctx.warn ? { warn: ctx.warn } : {}),
  });
  if (built.contentType && !isSystemHeaderDisabled(profile.disabledSystemHeaders, 'content-type')) {
    pushSystemHeader(headers, 'Content-Type', built.contentType);
  }
  addSystemHeaders(headers, {
    userAgent: ctx.userAgent,
    host: url.host,
    ...(profile.disabledSystemHeaders ? { disabled: profile.disabledSystemHeaders } : {}),
  });

  const request: HttpRequest = { method, url: url.href, headers };
  if (built.body) request.body = built.body;
  return request;
}
