/** `basic`: `Authorization: Basic base64(username:password)`, UTF-8 encoded. */
import { optionalText } from './params.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import type { AuthSigner } from './types.ts';

/**
 * @example
 * basicSigner.sign({ username: 'user', password: 'pass' }, request, ctx);
 * // Authorization: Basic dXNlcjpwYXNz
 */
export const basicSigner: AuthSigner = {
  type: 'basic',
  sign(params, request) {
    const username = optionalText(params, 'username') ?? '';
    const password = optionalText(params, 'password') ?? '';
    removeHeader(request, 'Authorization');
    addHeader(
      request,
      'Authorization',
      `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
    );
  },
};
