/**
 * Server-wide settings an administrator changes at run time, stored in `meta` (one row each) so
 * every server process reads the same value.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ServerSettings {
  /** Anyone may sign up without an invitation. Off by default. */
  openSignup: boolean;
}

const OPEN_SIGNUP = 'settings.open_signup';

export async function readSettings(db: Kysely<Database>): Promise<ServerSettings> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', OPEN_SIGNUP).executeTakeFirst();
  return { openSignup: row?.value === 'true' };
}

/** Writes the given settings (the caller's transaction holds the audit row too). */
export async function writeSettings(db: Kysely<Database>, changes: Partial<ServerSettings>): Promise<void> {
  if (changes.openSignup === undefined) return;
  const value = String(changes.openSignup);
  await db
    .insertInto('meta')
    .values({ key: OPEN_SIGNUP, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
