/**
 * The list of common and breached passwords (20,000 most common, lower-cased), unpacked on first use
 * and kept as a Set. See generate-common-passwords.mjs for its source and license.
 */
import { gunzipSync } from 'node:zlib';

let list: Set<string> | undefined;

async function load(): Promise<Set<string>> {
  if (!list) {
    const { COMMON_PASSWORDS_GZIP_BASE64 } = await import('./common-passwords-data.ts');
    const text = gunzipSync(Buffer.from(COMMON_PASSWORDS_GZIP_BASE64, 'base64')).toString('utf8');
    list = new Set(text.split('\n'));
  }
  return list;
}

/**
 * True when `candidate` (compared lower-cased) is on the common-password list.
 *
 * @example await isCommonPassword('Password1234') // true
 */
export async function isCommonPassword(candidate: string): Promise<boolean> {
  return (await load()).has(candidate.toLowerCase());
}
