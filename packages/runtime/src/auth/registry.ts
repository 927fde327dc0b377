/**
 * The auth signers by Postman type name, and the param list → map conversion the runner uses.
 */
import { apikeySigner } from './apikey.ts';
import { asapSigner } from './asap.ts';
import { awsv4Signer } from './awsv4.ts';
import { basicSigner } from './basic.ts';
import { bearerSigner } from './bearer.ts';
import { digestSigner } from './digest.ts';
import { edgegridSigner } from './edgegrid.ts';
import { hawkSigner } from './hawk.ts';
import { jwtSigner } from './jwt.ts';
import { noauthSigner } from './noauth.ts';
import { ntlmSigner } from './ntlm.ts';
import { oauth1Signer } from './oauth1.ts';
import { oauth2Signer } from './oauth2.ts';
import type { AuthSigner } from './types.ts';

export { paramsToMap } from './params.ts';

const SIGNERS: ReadonlyMap<string, AuthSigner> = new Map(
  [
    noauthSigner,
    basicSigner,
    bearerSigner,
    apikeySigner,
    digestSigner,
    oauth1Signer,
    oauth2Signer,
    hawkSigner,
    awsv4Signer,
    ntlmSigner,
    edgegridSigner,
    jwtSigner,
    asapSigner,
  ].map((signer) => [signer.type, signer]),
);

/**
 * The signer for a Postman auth type, or undefined for an unknown type (postman-runtime then warns
 * `runtime: could not find a handler for auth: <type>` and sends the request unsigned).
 *
 * @example
 * getAuthSigner('basic')?.sign({ username: 'u', password: 'p' }, request, ctx);
 */
export function getAuthSigner(type: string): AuthSigner | undefined {
  return SIGNERS.get(type);
}
