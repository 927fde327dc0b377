/**
 * Auth signers. One file per auth type under `src/auth/`, each exporting an `AuthSigner`, registered
 * in `src/auth/registry.ts`. The runner picks the effective auth (nearest of request → folders →
 * collection; `noauth` stops inheritance; a missing auth inherits), resolves `{{variables}}` in its
 * params, and calls the signer around each send.
 */
import type { ReceivedResponse } from '../events.ts';
import type { HeaderEntry, HttpRequest } from '../http/types.ts';

/** Auth params as a map, after variable substitution (`{ username: 'u', password: 'p' }`). */
export type AuthParams = Record<string, unknown>;

export interface AuthContext {
  /**
   * Wall-clock now in epoch ms (`Date.now()`), injectable for tests of timestamp-based signatures
   * (oauth1, hawk, awsv4, edgegrid, asap, ntlm).
   */
  now(): number;
  /** Random bytes, injectable for tests (nonces). */
  randomBytes(size: number): Buffer;
  /**
   * True for a header the HTTP layer added (User-Agent, Accept, Postman-Token, Host, the body's
   * Content-Type/Length…) rather than the user. postman-runtime signs before it adds those, so awsv4,
   * hawk and edgegrid leave them out of what they sign. Absent: every header counts as the user's.
   */
  isSystemHeader?(header: HeaderEntry): boolean;
  /**
   * protocolProfileBehavior.disableUrlEncoding: oauth1 then leaves the query as written and adds its
   * parameters unencoded, as postman-runtime does.
   */
  disableUrlEncoding?: boolean;
}

export interface AuthSigner {
  /** Postman's auth type name: `basic`, `bearer`, `digest`, `oauth1`, … */
  readonly type: string;
  /** Adds credentials to the request before it is sent. May be async (e.g. reading a key). */
  sign(params: AuthParams, request: HttpRequest, ctx: AuthContext): void | Promise<void>;
  /**
   * Called with the response. Returns true to ask the runner to send the request again after
   * updating `params` (digest: fill realm/nonce from the 401 challenge; ntlm: next handshake step).
   * The runner replays at most a few times per request. `ctx` is optional for callers; without it a
   * signer uses the context `params` was last signed with.
   */
  afterResponse?(
    params: AuthParams,
    request: HttpRequest,
    response: ReceivedResponse,
    ctx?: AuthContext,
  ): boolean;
}
