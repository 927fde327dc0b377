/**
 * Which audit rows an actor may read: server administrators see everything; team admins see
 * their teams' trails (filled in by the teams module through `teamsAdministeredBy`).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/schema.ts';

export type AuditVisibility = { all: true } | { all: false; teamIds: string[] };

export type TeamsAdministeredBy = (db: Kysely<Database>, userId: string) => Promise<string[]>;

let teamsAdministeredBy: TeamsAdministeredBy = async () => [];

/** The teams module registers how to find the teams a user administers. */
export function setTeamsAdministeredBy(lookup: TeamsAdministeredBy): void {
  teamsAdministeredBy = lookup;
}

export async function auditVisibility(db: Kysely<Database>, actor: Actor): Promise<AuditVisibility> {
  if (actor.user.is_admin) return { all: true };
  return { all: false, teamIds: await teamsAdministeredBy(db, actor.user.id) };
}
