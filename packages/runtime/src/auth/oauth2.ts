/**
 * `oauth2`: applies an existing access token (this runner does not fetch or refresh tokens, as
 * Newman does not). `addTokenTo`: header (default) | queryParams; `headerPrefix` defaults to Bearer.
 */
import { optionalText } from './params.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import { appendQuery, encodeQueryParam, removeQueryParams } from './request-url.ts';
import type { AuthSigner } from './types.ts';

/**
 * @example
 * oauth2Signer.sign({ accessToken: 'tok', addTokenTo: 'header' }, request, ctx); // Authorization: Bearer tok
 * oauth2Signer.sign({ accessToken: 'tok', addTokenTo: 'queryParams' }, request, ctx); // …?access_token=tok
 */
export const oauth2Signer: AuthSigner = {
  type: 'oauth2',
  sign(params, request) {
    const accessToken = optionalText(params, 'accessToken');
    if (!accessToken) return;
    const addTokenTo = optionalText(params, 'addTokenTo') ?? 'header';
    const tokenType = (optionalText(params, 'tokenType') ?? 'bearer').toLowerCase();
    const rawPrefix = params.headerPrefix;
    let prefix = rawPrefix === undefined || rawPrefix === null ? 'Bearer' : String(rawPrefix).trim();
    if (prefix) prefix += ' ';
    // postman-runtime does not implement MAC tokens: such a request goes out unsigned.
    if (tokenType === 'mac') return;
    removeHeader(request, 'Authorization');
    removeQueryParams(request, ['access_token']);
    if (addTokenTo === 'queryParams') appendQuery(request, [encodeQueryParam('access_token', accessToken)]);
    else if (addTokenTo === 'header') addHeader(request, 'Authorization', prefix + accessToken);
  },
};
