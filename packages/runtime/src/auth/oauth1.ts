/**
 * `oauth1` as postman-runtime does it. Params: consumerKey, consumerSecret, token, tokenSecret,
 * signatureMethod (HMAC-SHA1/256/512, RSA-SHA1/256/512, PLAINTEXT), privateKey (RSA), timestamp,
 * nonce, version, realm, callback, verifier, addParamsToHeader, addEmptyParamsToSign,
 * includeBodyHash, disableHeaderEncoding. Urlencoded body fields are signed; the oauth parameters go
 * to the Authorization header, else into a PUT/POST urlencoded body, else into the query.
 */
import { createHash } from 'node:crypto';
import type { HeaderEntry, HttpRequest } from '../http/types.ts';
import {
  decodeForm,
  type OAuthParameter,
  oauthHeader,
  oauthPercentEncode,
  signOAuthMessage,
} from './oauth1-signature.ts';
import { randomString, unixSeconds } from './random.ts';
import { addHeader, bodyForHash, removeHeader, replaceFormFields } from './request-parts.ts';
import {
  appendQuery,
  queryString,
  removeQueryParams,
  setQuery,
  splitUrl,
  type UrlParts,
} from './request-url.ts';
import type { AuthContext, AuthParams, AuthSigner } from './types.ts';

const OAUTH_PARAM_NAMES = [
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature_method',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_version',
  'oauth_signature',
  'oauth_callback',
  'oauth_verifier',
  'oauth_body_hash',
];

/** node-oauth1's nonce alphabet, typos included (no `j`, `T` twice). */
const NONCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz';

/** What postman-runtime signs: `scheme://host/path?query`, the port dropped when it is 80 or 443. */
function baseUrl(url: UrlParts): string {
  const host = url.port === undefined || url.port === '80' || url.port === '443' ? url.hostname : url.host;
  return `${url.protocol.replace(/[:/]+$/, '')}://${host}${url.pathname}${url.search}`;
}

/** Re-encodes the query the RFC 3986 way OAuth asks for (`a+b` → `a%20b`, `!` → `%21`). */
function reencodeQuery(request: HttpRequest, url: UrlParts): void {
  const query = queryString(url);
  if (!query) return;
  const pieces = decodeForm(query).map(([key, value]) => {
    const encodedKey = key && oauthPercentEncode(key);
    return value === null ? encodedKey : `${encodedKey}=${value && oauthPercentEncode(value)}`;
  });
  setQuery(request, pieces);
}

function bodyHash(request: HttpRequest, hashName: string): string | undefined {
  const body = bodyForHash(request.body);
  if (body.kind === 'unsupported') return undefined;
  const hash = createHash(hashName);
  if (body.kind === 'bytes') hash.update(body.data);
  return hash.digest('base64');
}

function withoutBlankStrings(params: AuthParams): AuthParams {
  const kept: AuthParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.trim() === '') continue;
    kept[key] = value;
  }
  return kept;
}

function addAuthData(
  request: HttpRequest,
  params: AuthParams,
  formFields: HeaderEntry[] | undefined,
  ctx: AuthContext,
) {
  const url = splitUrl(request.url);
  const disableUrlEncoding = ctx.disableUrlEncoding === true;
  let signatureParams: OAuthParameter[] = [
    ['oauth_consumer_key', params.consumerKey],
    ['oauth_token', params.token],
    ['oauth_signature_method', params.signatureMethod],
    ['oauth_timestamp', params.timestamp],
    ['oauth_nonce', params.nonce],
    ['oauth_version', params.version],
  ];
  // Extensions of the spec: signed only when set, whatever addEmptyParamsToSign says.
  if (params.bodyHash) signatureParams.push(['oauth_body_hash', params.bodyHash]);
  if (params.callback) signatureParams.push(['oauth_callback', params.callback]);
  if (params.verifier) signatureParams.push(['oauth_verifier', params.verifier]);
  signatureParams = signatureParams.filter(([, value]) => params.addEmptyParamsToSign || value);

  const message: OAuthParameter[] = signatureParams.map(([key, value]): OAuthParameter => [key, value]);
  for (const field of formFields ?? []) message.push([field.key, field.value]);
  const signature = signOAuthMessage(request.method, baseUrl(url), message, {
    consumerSecret: params.consumerSecret ? String(params.consumerSecret) : '',
    tokenSecret: params.tokenSecret ? String(params.tokenSecret) : '',
    privateKey: params.privateKey ? String(params.privateKey) : '',
  });
  if (!disableUrlEncoding) reencodeQuery(request, url);
  signatureParams.push(['oauth_signature', signature]);

  if (params.addParamsToHeader) {
    const realm = params.realm ? String(params.realm) : undefined;
    addHeader(
      request,
      'Authorization',
      oauthHeader(realm, signatureParams, Boolean(params.disableHeaderEncoding)),
    );
  } else if (/PUT|POST/.test(request.method) && formFields) {
    const fields = [...formFields];
    for (const [key, value] of signatureParams) {
      fields.push({ key, value: value === undefined || value === null ? '' : String(value) });
    }
    replaceFormFields(request, fields);
  } else if (disableUrlEncoding) {
    appendQuery(
      request,
      signatureParams.map(([key, value]) => (typeof value === 'string' ? `${key}=${value}` : key)),
    );
  } else {
    appendQuery(
      request,
      signatureParams.map(([key, value]) =>
        value ? `${key}=${oauthPercentEncode(value)}` : value === '' ? `${key}=` : key,
      ),
    );
  }
}

/**
 * @example
 * oauth1Signer.sign({ consumerKey: 'k', consumerSecret: 's', signatureMethod: 'HMAC-SHA1',
 *   addParamsToHeader: true }, request, ctx); // Authorization: OAuth oauth_consumer_key="k",…
 */
export const oauth1Signer: AuthSigner = {
  type: 'oauth1',
  sign(input, request, ctx) {
    let params: AuthParams = { ...input };
    const [algorithmPart, hashPart] = String(params.signatureMethod ?? '').split('-');
    const isRsa = (algorithmPart ?? '').toUpperCase() === 'RSA';
    if (!params.consumerKey || (!isRsa && !params.consumerSecret) || (isRsa && !params.privateKey)) return;

    const body = request.body;
    let formFields = body?.mode === 'urlencoded' ? body.fields : undefined;
    // postman-runtime removes an exactly-named `Authorization` header only.
    removeHeader(request, 'Authorization', false);
    removeQueryParams(request, OAUTH_PARAM_NAMES);
    if (formFields) {
      const kept = formFields.filter((field) => !OAUTH_PARAM_NAMES.includes(field.key));
      if (kept.length !== formFields.length) replaceFormFields(request, kept);
      formFields = kept;
    }

    params.nonce = params.nonce || randomString(ctx, 11, NONCE_ALPHABET);
    params.timestamp = params.timestamp || String(unixSeconds(ctx));
    if (!params.addEmptyParamsToSign) params = withoutBlankStrings(params);
    // A body hash is not defined for form bodies (draft-eaton-oauth-bodyhash §4.1.1).
    if (!formFields && params.includeBodyHash && hashPart) params.bodyHash = bodyHash(request, hashPart);
    addAuthData(request, params, formFields, ctx);
  },
};
