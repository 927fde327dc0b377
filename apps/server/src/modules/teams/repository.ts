/** Team and membership queries. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TeamRow } from '../../policies/resources.ts';
import { afterCursor } from '../workspaces/pagination.ts';
import { deleteElementRolesIn } from '../workspaces/repository.ts';
import type { MemberRow } from './present.ts';

/** The teams where `userId` is an active member, by name, with their role. */
export async function listTeamsOf(
  db: Kysely<Database>,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<Array<TeamRow & { member_role: string }>> {
  let query = db
    .selectFrom('teams as t')
    .innerJoin('team_members as m', 'm.team_id', 't.id')
    .selectAll('t')
    .select('m.role as member_role')
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(page.limit + 1);
  const after = afterCursor('t.name', 't.id', page.cursor);
  if (after) query = query.where(after);
  return query.execute();
}

export async function listMembers(
  db: Kysely<Database>,
  teamId: string,
  page: { limit: number; cursor?: string },
): Promise<MemberRow[]> {
  let query = db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.status', 'm.created_at'])
    .where('m.team_id', '=', teamId)
    .orderBy('u.email')
    .orderBy('m.user_id')
    .limit(page.limit + 1);
  const after = afterCursor('u.email', 'm.user_id', page.cursor);
  if (after) query = query.where(after);
  return query.execute();
}

export async function findMember(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.status', 'm.created_at'])
    .where('m.team_id', '=', teamId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}

/** How many active admins the team has besides `exceptUserId`. */
export async function otherActiveAdmins(
  db: Kysely<Database>,
  teamId: string,
  exceptUserId: string,
): Promise<number> {
  const row = await db
    .selectFrom('team_members')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('team_id', '=', teamId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('user_id', '!=', exceptUserId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertMember(
  db: Kysely<Database>,
  member: { teamId: string; userId: string; role: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('team_members')
    .values({
      team_id: member.teamId,
      user_id: member.userId,
      role: member.role,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Deletes the user's workspace and element roles inside the team's workspaces. */
export async function deleteGrantsInTeam(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
): Promise<void> {
  const teamWorkspaces = db.selectFrom('workspaces').select('id').where('team_id', '=', teamId);
  await db
    .deleteFrom('workspace_roles')
    .where('user_id', '=', userId)
    .where('workspace_id', 'in', teamWorkspaces)
    .execute();
  await deleteElementRolesIn(db, teamWorkspaces, userId);
}
