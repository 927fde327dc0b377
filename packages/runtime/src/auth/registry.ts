/**
 * The auth signers by Postman type name, and the param list → map conversion the runner uses.
 * Each signer module loads the first time its type is used: most runs sign with none or one
 * (the signers and their crypto helpers weigh ~65 KB that `postern run` would compile at startup).
 */
import type { AuthSigner } from './types.ts';

export { paramsToMap } from './params.ts';

const LOADERS: Readonly<Record<string, () => Promise<AuthSigner>>> = {
  noauth: async () => (await import('./noauth.ts')).noauthSigner,
  basic: async () => (await import('./basic.ts')).basicSigner,
  bearer: async () => (await import('./bearer.ts')).bearerSigner,
  apikey: async () => (await import('./apikey.ts')).apikeySigner,
  digest: async () => (await import('./digest.ts')).digestSigner,
  oauth1: async () => (await import('./oauth1.ts')).oauth1Signer,
  oauth2: async () => (await import('./oauth2.ts')).oauth2Signer,
  hawk: async () => (await import('./hawk.ts')).hawkSigner,
  awsv4: async () => (await import('./awsv4.ts')).awsv4Signer,
  ntlm: async () => (await import('./ntlm.ts')).ntlmSigner,
  edgegrid: async () => (await import('./edgegrid.ts')).edgegridSigner,
  jwt: async () => (await import('./jwt.ts')).jwtSigner,
  asap: async () => (await import('./asap.ts')).asapSigner,
};

const loaded = new Map<string, AuthSigner>();

/**
 * The signer for a Postman auth type, or undefined for an unknown type (postman-runtime then warns
 * `runtime: could not find a handler for auth: <type>` and sends the request unsigned).
 *
 * @example
 * (await getAuthSigner('basic'))?.sign({ username: 'u', password: 'p' }, request, ctx);
 */
export async function getAuthSigner(type: string): Promise<AuthSigner | undefined> {
  const known = loaded.get(type);
  if (known) return known;
  if (!Object.hasOwn(LOADERS, type)) return undefined;
  const signer = await (LOADERS[type] as () => Promise<AuthSigner>)();
  loaded.set(type, signer);
  return signer;
}
