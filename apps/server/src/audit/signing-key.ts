/**
 * The Ed25519 key that signs audit checkpoints: `POSTERN_AUDIT_SIGNING_KEY` (PKCS#8 PEM) or
 * `<data-dir>/audit-signing.key`, generated with mode 0600 on first start. Its public key is
 * pinned in the database, so a server started with another key refuses to sign as this trail.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditSigner {
  keyId: string;
  publicKeyPem: string;
  sign(message: string): string;
}

const META_KEY = 'audit_public_key';

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The message a checkpoint signs. */
export function checkpointMessage(size: number, headHash: string): string {
  return `postern-audit-checkpoint:${size}:${headHash}`;
}

export function verifySignature(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(message),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

function loadPrivateKey(dataDir: string, env: NodeJS.ProcessEnv): KeyObject {
  const fromEnv = env.POSTERN_AUDIT_SIGNING_KEY;
  if (fromEnv) {
    try {
      return createPrivateKey(fromEnv);
    } catch {
      throw new Error('POSTERN_AUDIT_SIGNING_KEY is not a PKCS#8 PEM private key');
    }
  }
  const file = join(dataDir, 'audit-signing.key');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    return privateKey;
  }
  try {
    return createPrivateKey(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not a PKCS#8 PEM private key`);
  }
}

/** Loads (or makes) the signing key and checks it against the public key pinned in the database. */
export async function openAuditSigner(
  db: Kysely<Database>,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditSigner> {
  const privateKey = loadPrivateKey(dataDir, env);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the audit signing key must be an Ed25519 key');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const pinned = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (!pinned) {
    await db
      .insertInto('meta')
      .values({ key: META_KEY, value: publicKeyPem })
      .onConflict((c) => c.doNothing())
      .execute();
  } else if (pinned.value !== publicKeyPem) {
    throw new Error(
      'the audit signing key does not match the one this database was started with; set POSTERN_AUDIT_SIGNING_KEY ' +
        'or restore <data-dir>/audit-signing.key',
    );
  }
  return {
    keyId: keyIdOf(createPublicKey(privateKey)),
    publicKeyPem,
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}
