/**
 * `asap` (Atlassian S2S Auth Protocol): a short-lived JWT signed with an RSA/EC private key, sent as
 * `Authorization: Bearer …`. Params: kid, iss, aud, sub (defaults to iss), privateKey (PKCS#8 PEM or
 * a `data:application/pkcs8;kid=…;base64,…` URI), alg (default RS256), claims (JSON text; its
 * iss/sub/aud/jti/iat/exp/kid win over the params), exp (lifetime in seconds, default 3600).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { ASYMMETRIC_ALGORITHMS, importPkcs8, isPlainObject, signJws } from './jws.ts';
import { unixSeconds, uuidV4 } from './random.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import type { AuthSigner } from './types.ts';

const DATA_URI = /^data:application\/pkcs8;kid=([\w.\-+/]+);base64,([a-zA-Z0-9+/=]+)$/;

/**
 * Reads the private key param as postman-runtime does before importing it: line breaks and
 * surrounding quotes removed, URI-decoded, a data URI unpacked into a key.
 */
function readPrivateKey(kid: string, raw: string): string | KeyObject {
  const unquoted = raw.replace(/\n/g, '').replace(/^"(.*)"$/, '$1');
  const decoded = decodeURIComponent(unquoted);
  if (!decoded.startsWith('data:')) return decoded;
  const match = DATA_URI.exec(decoded);
  if (!match) throw new Error('Malformed Data URI');
  if (match[1] !== kid) throw new Error('Supplied key id does not match the one included in data uri.');
  const der = Buffer.from(match[2] ?? '', 'base64');
  // postman-runtime reads this DER with node-forge, which takes RSA keys in PKCS#8 or PKCS#1 form.
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('Cannot read private key. OID is not RSA.');
  return key;
}

function parseClaims(raw: unknown): unknown {
  const claims = raw || {};
  if (typeof claims !== 'string') return claims;
  const trimmed = claims.trim();
  try {
    return trimmed && JSON.parse(trimmed);
  } catch {
    throw new Error('Failed to parse claims');
  }
}

const isTruthy = (value: unknown): boolean => Boolean(value);

/**
 * @example
 * await asapSigner.sign({ kid: 'svc/key1', iss: 'svc', aud: 'other', privateKey: pem }, request, ctx);
 * // Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6InN2Yy9rZXkxIn0.…
 */
export const asapSigner: AuthSigner = {
  type: 'asap',
  async sign(params, request, ctx) {
    const parsed = parseClaims(params.claims);
    // A blank claims text leaves '' here, which jose rejects at signing time.
    const claims: Record<string, unknown> = isPlainObject(parsed) ? parsed : {};
    const issuer = claims.iss || params.iss;
    const subject = claims.sub || params.sub || issuer;
    const audience = claims.aud || params.aud;
    const jti = claims.jti || uuidV4(ctx);
    const now = unixSeconds(ctx);
    const issuedAt = claims.iat || now;
    const lifetime = (params.exp ? Number.parseInt(String(params.exp), 10) : 0) || 3600;
    const expiresAt = (claims.exp ? Number.parseInt(String(claims.exp), 10) : 0) || now + lifetime;
    const privateKey = params.privateKey;
    const kid = claims.kid || params.kid;
    const alg = params.alg || 'RS256';
    if (![kid, issuer, audience, jti, privateKey].every(isTruthy)) {
      throw new Error('One or more of required claims missing');
    }
    if (!(ASYMMETRIC_ALGORITHMS as readonly unknown[]).includes(alg)) throw new Error('invalid algorithm');
    if (typeof privateKey !== 'string') throw new Error('privateKey must be a string');
    let keyText: string | KeyObject;
    try {
      keyText = readPrivateKey(String(kid), privateKey);
    } catch {
      throw new Error('Failed to parse private key.');
    }
    let token: string;
    try {
      const key = typeof keyText === 'string' ? importPkcs8(keyText) : keyText;
      if (!isPlainObject(parsed)) throw new TypeError('JWT Claims Set MUST be an object');
      const payload: Record<string, unknown> = { ...claims };
      payload.iat = issuedAt;
      payload.iss = issuer;
      payload.sub = subject;
      payload.jti = jti;
      payload.aud = audience;
      payload.exp = expiresAt;
      token = signJws({ alg, kid }, payload, key);
    } catch {
      throw new Error('Failed to sign request with key.');
    }
    removeHeader(request, 'Authorization');
    addHeader(request, 'Authorization', `Bearer ${token}`);
  },
};
