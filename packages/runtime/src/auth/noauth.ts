/** `noauth`: sends the request as it is (and, in the runner, stops auth inheritance). */
import type { AuthSigner } from './types.ts';

/**
 * @example
 * noauthSigner.sign({}, request, ctx); // request unchanged
 */
export const noauthSigner: AuthSigner = {
  type: 'noauth',
  sign() {},
};
