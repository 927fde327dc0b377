/** `apikey`: one header or query parameter named `key` with `value` (`in`: header | query). */
import { optionalText } from './params.ts';
import { appendQuery, encodeQueryParam, removeQueryParams } from './request-url.ts';
import type { AuthSigner } from './types.ts';

/**
 * lodash's `lowerCase` for ASCII header names: words split at separators and case changes, joined by
 * a space. postman-runtime compares header names this way, so `X-Api-Key` also replaces `x_api_key`.
 */
function headerWords(name: string): string {
  return (name.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\p{ASCII}]+/gu) ?? []).join(' ').toLowerCase();
}

/**
 * @example
 * apikeySigner.sign({ key: 'X-Api-Key', value: 's3cret', in: 'header' }, request, ctx);
 * apikeySigner.sign({ key: 'api_key', value: 's3cret', in: 'query' }, request, ctx); // …?api_key=s3cret
 */
export const apikeySigner: AuthSigner = {
  type: 'apikey',
  sign(params, request) {
    const key = optionalText(params, 'key');
    const value = params.value;
    if (!(key || value)) return;
    if (params.in === 'query') {
      removeQueryParams(request, [key ?? '']);
      // Like a Postman QueryParam, a non-string value leaves just the key.
      appendQuery(request, [encodeQueryParam(key ?? '', typeof value === 'string' ? value : undefined)]);
      return;
    }
    if (!key) return; // a header needs a name; Node would refuse an empty one
    const words = headerWords(key);
    request.headers = request.headers.filter((h) => headerWords(h.key) !== words);
    request.headers.push({ key, value: value === undefined || value === null ? '' : String(value) });
  },
};
