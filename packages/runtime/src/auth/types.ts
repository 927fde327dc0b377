/**
 * Auth signers. One file per auth type under `src/auth/`, each exporting an `AuthSigner`, registered
 * in `src/auth/registry.ts`. The runner picks the effective auth (nearest of request → folders →
 * collection; `noauth` stops inheritance; a missing auth inherits), resolves `{{variables}}` in its
 * params, and calls the signer around each send.
 */
import type { ReceivedResponse } from '../events.ts';
import type { HttpRequest } from '../http/types.ts';

/** Auth params as a map, after variable substitution (`{ username: 'u', password: 'p' }`). */
export type AuthParams = Record<string, unknown>;

export interface AuthContext {
  /** Monotonic now in ms, injectable for tests of timestamp-based signatures. */
  now(): number;
  /** Random bytes, injectable for tests (nonces). */
  randomBytes(size: number): Buffer;
}

export interface AuthSigner {
  /** Postman's auth type name: `basic`, `bearer`, `digest`, `oauth1`, … */
  readonly type: string;
  /** Adds credentials to the request before it is sent. May be async (e.g. reading a key). */
  sign(params: AuthParams, request: HttpRequest, ctx: AuthContext): void | Promise<void>;
  /**
   * Called with the response. Returns true to ask the runner to send the request again after
   * updating `params` (digest: fill realm/nonce from the 401 challenge; ntlm: next handshake step).
   * The runner replays at most a few times per request.
   */
  afterResponse?(params: AuthParams, request: HttpRequest, response: ReceivedResponse): boolean;
}
