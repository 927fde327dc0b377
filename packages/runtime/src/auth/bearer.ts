/** `bearer`: `Authorization: Bearer <token>`; nothing at all when the token is empty. */
import { optionalText } from './params.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import type { AuthSigner } from './types.ts';

/**
 * @example
 * bearerSigner.sign({ token: 'abc' }, request, ctx); // Authorization: Bearer abc
 */
export const bearerSigner: AuthSigner = {
  type: 'bearer',
  sign(params, request) {
    const token = optionalText(params, 'token');
    if (!token) return;
    removeHeader(request, 'Authorization');
    addHeader(request, 'Authorization', `Bearer ${token}`);
  },
};
