/**
 * The context a params map was last signed with, for `afterResponse` hooks that need randomness or
 * the clock when the runner does not pass a context to them.
 */
import { randomBytes } from '../random.ts';
import type { AuthContext, AuthParams } from './types.ts';

const DEFAULT_CONTEXT: AuthContext = { now: () => Date.now(), randomBytes: (size) => randomBytes(size) };

const contexts = new WeakMap<AuthParams, AuthContext>();

/** Records the context used to sign with `params`. */
export function rememberContext(params: AuthParams, ctx: AuthContext): void {
  contexts.set(params, ctx);
}

/** The context last used with `params`, or the real clock and the CSPRNG. */
export function contextOf(params: AuthParams): AuthContext {
  return contexts.get(params) ?? DEFAULT_CONTEXT;
}
