/**
 * What other parts of the server ask about a user's teams: the teams they administer (audit
 * visibility), whether a team of theirs requires MFA, and the API-key lifetime cap of their teams.
 * `registerTeamLookups` plugs the first two into the modules that ask.
 */
import { type Kysely, sql } from 'kysely';
import { setMfaRequiredLookup } from '../../auth/mfa-policy.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { Database } from '../../db/schema.ts';
import { setTeamsAdministeredBy } from '../../policies/audit-visibility.ts';

/** Ids of the teams where `userId` is an active admin. */
export async function teamsAdministeredBy(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.team_id);
}

/** Whether any team where `userId` is an active member requires MFA. */
// Asked on every request of a user without MFA: built and compiled once (db/prepared-query.ts).
const mfaRequiredQuery = preparedQuery((db, p: { userId: string }) =>
  db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select('t.id')
    .where('m.user_id', '=', p.userId)
    .where('m.status', '=', 'active')
    .where('t.require_mfa', '=', 1)
    .limit(sql.lit(1)),
);

export async function mfaRequiredForUser(db: Kysely<Database>, userId: string): Promise<boolean> {
  return (await mfaRequiredQuery.first(db, { userId })) !== undefined;
}

/**
 * The strictest `maxApiKeyDays` among the user's teams, or null when none caps key lifetime.
 *
 * @example const days = await maxApiKeyDaysForUser(db, user.id); // e.g. 90
 */
export async function maxApiKeyDaysForUser(db: Kysely<Database>, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select((eb) => eb.fn.min('t.max_api_key_days').as('days'))
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('t.max_api_key_days', 'is not', null)
    .executeTakeFirst();
  return row?.days == null ? null : Number(row.days);
}

/** Registers the lookups with audit visibility and the MFA policy (idempotent). */
export function registerTeamLookups(): void {
  setTeamsAdministeredBy(teamsAdministeredBy);
  setMfaRequiredLookup(mfaRequiredForUser);
}
