/** Nonces and ids drawn from the injectable `AuthContext.randomBytes`, so tests can fix them. */
import type { AuthContext } from './types.ts';

/** Letters and digits: the alphabet of postman-runtime's digest/hawk nonces. */
export const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A random string of `length` characters from `alphabet`.
 *
 * @example
 * randomString(ctx, 8); // 'aZ3k9QpX'
 */
export function randomString(ctx: AuthContext, length: number, alphabet = ALPHANUMERIC): string {
  const bytes = ctx.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

/**
 * A version 4 UUID.
 *
 * @example
 * uuidV4(ctx); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function uuidV4(ctx: AuthContext): string {
  const bytes = Buffer.from(ctx.randomBytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Whole seconds since the epoch.
 *
 * @example
 * unixSeconds({ ...ctx, now: () => 1_700_000_000_123 }); // 1700000000
 */
export function unixSeconds(ctx: AuthContext): number {
  return Math.floor(ctx.now() / 1000);
}
