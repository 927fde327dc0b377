/**
 * The contract between the runner loop, the auth signers and the HTTP layer.
 *
 * The runner resolves `{{variables}}` in a RequestDefinition, then `buildHttpRequest` turns it into an
 * HttpRequest (URL encoded like Postman, body serialised, system headers added), auth signers mutate
 * it, and `sendHttpRequest` puts it on the wire (redirects, cookies, decompression, TLS, timeouts).
 */
import type { ReceivedResponse } from '../events.ts';

export interface HeaderEntry {
  key: string;
  value: string;
}

/** The body as it will be sent, with the structure signers need (oauth1 signs form fields). */
export type HttpBody =
  | {
      mode: 'raw' | 'graphql' | 'file';
      data: Buffer;
      description?: string;
      /** File bodies: the Content-Type the sender adds when the request has none (from the file name). */
      contentType?: string;
    }
  | { mode: 'urlencoded'; fields: HeaderEntry[]; data: Buffer }
  | { mode: 'formdata'; data: Buffer; boundary: string; description?: string };

/** A request ready for signing and sending. Mutable: signers add headers and query parameters. */
export interface HttpRequest {
  method: string;
  /** The full URL, already encoded the way Postman's URL encoder does it. */
  url: string;
  /** In order; keys keep their case; duplicates allowed. */
  headers: HeaderEntry[];
  body?: HttpBody;
}

/** TLS settings: from CLI flags (-k, --ssl-*) and protocolProfileBehavior. */
export interface TlsOptions {
  /** Verify the server certificate (default true; `-k` or strictSSL:false turns it off). */
  rejectUnauthorized: boolean;
  clientCert?: Buffer;
  clientKey?: Buffer;
  clientPassphrase?: string;
  /** Extra CA certificates, added to Node's default roots. */
  extraCa?: Buffer;
  /** protocolProfileBehavior TLS knobs. */
  minVersion?: string;
  maxVersion?: string;
  ciphers?: string;
}

/** protocolProfileBehavior after merging collection → folders → item. */
export interface ProtocolProfile {
  followRedirects?: boolean;
  maxRedirects?: number;
  followOriginalHttpMethod?: boolean;
  followAuthorizationHeader?: boolean;
  removeRefererHeaderOnRedirect?: boolean;
  disableBodyPruning?: boolean;
  disableUrlEncoding?: boolean;
  disableCookies?: boolean;
  disabledSystemHeaders?: Record<string, boolean>;
  insecureHTTPParser?: boolean;
  strictSSL?: boolean;
  [other: string]: unknown;
}

/** Timing phases in milliseconds (as Newman's `timingPhases`). */
export interface TimingPhases {
  prepare?: number;
  wait?: number;
  dns?: number;
  tcp?: number;
  secureHandshake?: number;
  firstByte?: number;
  download?: number;
  process?: number;
  total: number;
}

export interface SendOptions {
  tls: TlsOptions;
  profile: ProtocolProfile;
  /** Per-request timeout in ms (0 or undefined: none). */
  timeout?: number;
  /** The run's cookie jar; absent or `profile.disableCookies` means no cookies. */
  cookieJar?: import('./cookies.ts').CookieJarLike;
  /**
   * Egress guard: throws to refuse a destination (checked for the first URL and every redirect);
   * may return the address the hop must connect to (the SSRF guard pins what it checked).
   */
  checkEgress?: (
    url: URL,
    request: HttpRequest,
  ) => void | EgressPin | Promise<void> | Promise<EgressPin | undefined>;
  signal?: AbortSignal;
}

/** What an egress guard may return: the IP address the connection must go to (not re-resolved). */
export interface EgressPin {
  address: string;
}

export interface HttpResult {
  /** The request as finally sent (after redirects: the last hop). */
  request: HttpRequest;
  response: ReceivedResponse;
  /** Every URL visited, first to last, when redirects were followed. */
  redirects: string[];
  timings: TimingPhases;
}
