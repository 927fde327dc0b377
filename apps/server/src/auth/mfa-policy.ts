/**
 * The team policy "require 2FA": a user who must have MFA and has none may only read GET /api/me,
 * enrol at /api/me/mfa/*, and sign out; every other authenticated route answers 403
 * `mfaEnrollmentRequired`. The teams module says who must have MFA through `setMfaRequiredLookup`.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';

export type MfaRequiredLookup = (db: Kysely<Database>, userId: string) => Promise<boolean>;

let mfaRequired: MfaRequiredLookup | undefined;

/**
 * The teams module registers how to tell whether a user's teams require MFA; returns the lookup
 * that was in place, so a caller can put it back.
 *
 * @example setMfaRequiredLookup(async (db, userId) => (await teamsRequiringMfa(db, userId)).length > 0);
 */
export function setMfaRequiredLookup(lookup: MfaRequiredLookup | undefined): MfaRequiredLookup | undefined {
  const previous = mfaRequired;
  mfaRequired = lookup;
  return previous;
}

/** Routes a user without the required MFA can still reach. */
function isExempt(method: string, url: string | undefined): boolean {
  if (!url) return true;
  if (method === 'GET' && url === '/api/me') return true;
  if (url === '/api/auth/logout') return true;
  return url.startsWith('/api/me/mfa/');
}

/**
 * Throws `mfaEnrollmentRequired` when the request's user must enrol in MFA first. Cheap: no lookup
 * for users with MFA, exempt routes, or when no policy is registered.
 */
export async function enforceMfaPolicy(req: FastifyRequest, db: Kysely<Database>): Promise<void> {
  const user = req.actor?.user;
  if (!user || !mfaRequired || user.totp_enabled_at) return;
  if (isExempt(req.method, req.routeOptions.url)) return;
  if (await mfaRequired(db, user.id)) {
    throw new AppError(
      'mfaEnrollmentRequired',
      'A team you belong to requires two-factor authentication: turn it on at /api/me/mfa/totp first',
    );
  }
}
