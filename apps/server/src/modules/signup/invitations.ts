/**
 * Whether a sign-up's invitation token is valid for its email. The teams module owns invitations
 * and registers the real check with `setInvitationLookup`; until it does, the token is looked up in
 * `team_invitations` (token_hash, email, expires_at, accepted_at) when that table exists.
 */
import { type Kysely, sql } from 'kysely';
import { hashToken } from '../../crypto/tokens.ts';
import type { Database } from '../../db/schema.ts';

export type InvitationLookup = (db: Kysely<Database>, token: string, email: string) => Promise<boolean>;

/** The fallback: an open invitation (not accepted, not expired) to this email in `team_invitations`. */
const tableLookup: InvitationLookup = async (db, token, email) => {
  try {
    const { rows } = await sql<{ email: string }>`
      SELECT email FROM team_invitations
      WHERE token_hash = ${hashToken(token)} AND accepted_at IS NULL AND expires_at > ${new Date().toISOString()}`.execute(
      db,
    );
    return rows.some((r) => r.email.trim().toLowerCase() === email.trim().toLowerCase());
  } catch {
    // No such table (teams not installed) or another shape: no invitation is valid.
    return false;
  }
};

let lookup: InvitationLookup = tableLookup;

/**
 * The teams module registers its check (`undefined` restores the table fallback); returns the
 * check that was in place, so a caller can put it back.
 *
 * @example setInvitationLookup(async (db, token, email) => (await findOpenInvitation(db, token))?.email === email);
 */
export function setInvitationLookup(fn: InvitationLookup | undefined): InvitationLookup {
  const previous = lookup;
  lookup = fn ?? tableLookup;
  return previous;
}

/** True when `token` is an open invitation addressed to `email`. Call outside a transaction. */
export function invitationMatches(db: Kysely<Database>, token: string, email: string): Promise<boolean> {
  return lookup(db, token, email);
}
