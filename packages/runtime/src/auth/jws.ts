/**
 * Compact JWS signing with node:crypto, with the checks of the `jose` library postman-runtime uses
 * for jwt and asap auth: PKCS#8 keys only, RSA keys of at least 2048 bits, EC curves matching the
 * algorithm, RSA-PSS with a digest-length salt, ECDSA signatures as raw r||s.
 */
import { constants, createHmac, createPrivateKey, createSecretKey, type KeyObject, sign } from 'node:crypto';

export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

export type JwsAlgorithm = (typeof HMAC_ALGORITHMS)[number] | (typeof ASYMMETRIC_ALGORITHMS)[number];

const EC_CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
const EC_CURVE_NAMES: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

export function isHmacAlgorithm(alg: unknown): alg is (typeof HMAC_ALGORITHMS)[number] {
  return (HMAC_ALGORITHMS as readonly unknown[]).includes(alg);
}

export function isAsymmetricAlgorithm(alg: unknown): alg is (typeof ASYMMETRIC_ALGORITHMS)[number] {
  return (ASYMMETRIC_ALGORITHMS as readonly unknown[]).includes(alg);
}

/**
 * Reads a PEM PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`), tolerating missing line breaks.
 *
 * @example
 * importPkcs8('-----BEGIN PRIVATE KEY-----\nMIIEv…\n-----END PRIVATE KEY-----');
 */
export function importPkcs8(pem: string): KeyObject {
  if (!pem.startsWith('-----BEGIN PRIVATE KEY-----'))
    throw new TypeError('"pkcs8" must be PKCS#8 formatted string');
  const der = Buffer.from(pem.replace(/(?:-----(?:BEGIN|END) PRIVATE KEY-----|\s)/g, ''), 'base64');
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** True for a plain `{}` object, which is what `jose` accepts as a claims set. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.prototype.toString.call(value) !== '[object Object]'
  ) {
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

function checkedKey(alg: (typeof ASYMMETRIC_ALGORITHMS)[number], key: KeyObject) {
  const details = key.asymmetricKeyDetails;
  if (alg.startsWith('ES')) {
    if (key.asymmetricKeyType !== 'ec')
      throw new TypeError('Invalid key for this operation, its asymmetricKeyType must be ec');
    const curve = details?.namedCurve;
    if (curve !== EC_CURVES[alg]) {
      const expected = EC_CURVE_NAMES[EC_CURVES[alg] ?? ''];
      throw new TypeError(
        `Invalid key curve for the algorithm, its curve must be ${expected}, got ${EC_CURVE_NAMES[curve ?? ''] ?? curve}`,
      );
    }
    return { key, dsaEncoding: 'ieee-p1363' as const };
  }
  const isPss = alg.startsWith('PS');
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && !(isPss && type === 'rsa-pss')) {
    throw new TypeError(
      `Invalid key for this operation, its asymmetricKeyType must be ${isPss ? 'rsa or rsa-pss' : 'rsa'}`,
    );
  }
  if ((details?.modulusLength ?? 0) < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
  return isPss
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : key;
}

/**
 * Signs `payload` under `header` (whose `alg` picks the algorithm) and returns the compact JWS.
 *
 * @example
 * signJws({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890' }, Buffer.from('secret'));
 * // 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.…'
 */
export function signJws(
  header: Record<string, unknown>,
  payload: unknown,
  key: Uint8Array | KeyObject,
): string {
  if (!isPlainObject(payload)) throw new TypeError('JWT Claims Set MUST be an object');
  const crit = header.crit;
  if (Array.isArray(crit) && crit.includes('b64') && header.b64 === false) {
    throw new Error('JWTs MUST NOT use unencoded payload');
  }
  const alg = header.alg;
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  let signature: Buffer;
  if (isHmacAlgorithm(alg)) {
    const secret = key instanceof Uint8Array ? createSecretKey(key) : key;
    signature = createHmac(`sha${alg.slice(2)}`, secret)
      .update(signingInput)
      .digest();
  } else if (isAsymmetricAlgorithm(alg)) {
    if (key instanceof Uint8Array) throw new TypeError('Key must be one of type KeyObject or CryptoKey.');
    signature = sign(`sha${alg.slice(2)}`, Buffer.from(signingInput), checkedKey(alg, key));
  } else {
    throw new Error(`alg ${String(alg)} is not supported either by JOSE or your javascript runtime`);
  }
  return `${signingInput}.${signature.toString('base64url')}`;
}
