/**
 * The ciphertext format of everything Postern encrypts at rest: AES-256-GCM with a fresh 96-bit IV,
 * written as a versioned, self-describing string `v1.<iv>.<ciphertext>.<tag>` (base64url parts).
 *
 * The associated data (AAD) names the row the value belongs to, so a ciphertext copied to another
 * row, workspace or purpose fails authentication instead of decrypting. The AAD is given as a list
 * of parts and encoded as JSON, so `['a.b', 'c']` and `['a', 'b.c']` can never collide.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** A ciphertext that does not decrypt: malformed, tampered with, under another key, or for another row. */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

/** What a ciphertext is bound to, e.g. `['value', workspaceId, 'env:42:var:apiKey']`. */
export type AssociatedData = readonly string[];

function encodeAad(aad: AssociatedData): Buffer {
  return Buffer.from(JSON.stringify([VERSION, ...aad]), 'utf8');
}

/**
 * Encrypts `plaintext` under a 32-byte key, bound to `aad`.
 *
 * @example
 * const text = seal(key, ['value', 'ws-1', 'env:1:var:token'], Buffer.from('s3cret'));
 * // 'v1.3q2v….Zm9v….dGFn…'
 */
export function seal(key: Buffer, aad: AssociatedData, plaintext: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(encodeAad(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
}

/**
 * Decrypts what `seal` wrote with the same key and AAD; throws DecryptError otherwise. The error
 * message never contains key material or plaintext.
 *
 * @example
 * open(key, ['value', 'ws-1', 'env:1:var:token'], text).toString('utf8'); // 's3cret'
 */
export function open(key: Buffer, aad: AssociatedData, ciphertext: string): Buffer {
  assertKey(key);
  const parts = ciphertext.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new DecryptError(
      parts[0] && /^v\d+$/.test(parts[0]) && parts.length === 4
        ? `unsupported ciphertext version "${parts[0]}" (this server reads ${VERSION})`
        : 'not a Postern ciphertext (expected v1.<iv>.<ciphertext>.<tag>)',
    );
  }
  const [, ivText, bodyText, tagText] = parts as [string, string, string, string];
  const iv = decodePart(ivText);
  const tag = decodePart(tagText);
  const body = decodePart(bodyText);
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptError('not a Postern ciphertext (bad IV or tag length)');
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(encodeAad(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new DecryptError(
      'the ciphertext does not authenticate (tampered with, under another key, or copied from another row)',
    );
  }
}

/** Strict base64url: Buffer.from would silently skip characters that are not in the alphabet. */
function decodePart(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new DecryptError('not a Postern ciphertext (bad base64url)');
  return Buffer.from(text, 'base64url');
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256 key has ${KEY_BYTES} bytes, got ${key.length}`);
}
