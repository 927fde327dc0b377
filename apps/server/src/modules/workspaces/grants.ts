/**
 * Checks and writes explicit grants (workspace roles and element roles). A grant must be able to
 * count under the policy's cap (policy-table.ts): to an existing user, in a workspace that is not
 * personal, to an active member of the workspace's team, at most editor for a partner.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { explicitCap } from '../../policies/access.ts';
import type { WorkspaceRow } from '../../policies/resources.ts';
import {
  asTeamRole,
  asWorkspaceType,
  type ElementType,
  roleRank,
  type WorkspaceRole,
} from '../../policies/roles.ts';
import { activeTeamRoles } from './repository.ts';

export interface Grant {
  userId: string;
  /** null removes the user's grant. */
  role: WorkspaceRole | null;
}

export interface GrantChange {
  userId: string;
  from: string | null;
  to: string | null;
}

/** Throws `invalidParams` naming the first grant that could not count. */
export async function assertGrantable(
  db: Kysely<Database>,
  workspace: WorkspaceRow,
  grants: readonly Grant[],
): Promise<void> {
  const type = asWorkspaceType(workspace.type);
  if (type === 'personal') {
    throw new AppError(
      'invalidParams',
      'A personal workspace belongs to its owner alone: make it private or team first',
    );
  }
  const ids = [...new Set(grants.map((g) => g.userId))];
  if (ids.length !== grants.length) throw new AppError('invalidParams', 'Each user may appear once');
  // In a team's workspace only active members can hold roles, so whether some other id exists
  // as a user is never revealed; outside any team, any existing user can.
  const teamRoles = workspace.team_id ? await activeTeamRoles(db, workspace.team_id, ids) : undefined;
  if (!teamRoles) {
    const users = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
    const known = new Set(users.map((u) => u.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new AppError('invalidParams', `No such user: ${unknown}`);
  }
  for (const grant of grants) {
    if (grant.role === null) continue;
    const teamRole = asTeamRole(teamRoles?.get(grant.userId));
    const cap = explicitCap({
      type,
      teamId: workspace.team_id,
      ownerId: workspace.owner_id,
      teamRole,
      explicitRole: null,
    });
    if (roleRank(grant.role) <= roleRank(cap)) continue;
    throw new AppError(
      'invalidParams',
      cap === null
        ? `User ${grant.userId} cannot hold a role in this ${type} workspace: not an active member of its team, or a team role that does not allow it`
        : `User ${grant.userId} (team role ${teamRole}) can be at most ${cap} in a ${type} workspace`,
    );
  }
}

/** Diffs `grants` against the current roles and writes only what changes. */
async function applyGrants(
  current: ReadonlyMap<string, string>,
  grants: readonly Grant[],
  write: { remove(userId: string): Promise<unknown>; add(userId: string, role: string): Promise<unknown> },
): Promise<GrantChange[]> {
  const changes: GrantChange[] = [];
  for (const grant of grants) {
    const from = current.get(grant.userId) ?? null;
    if (from === grant.role) continue;
    await write.remove(grant.userId);
    if (grant.role !== null) await write.add(grant.userId, grant.role);
    changes.push({ userId: grant.userId, from, to: grant.role });
  }
  return changes;
}

/** Applies workspace-role grants and returns what changed. */
export async function writeWorkspaceRoles(
  db: Kysely<Database>,
  workspaceId: string,
  grants: readonly Grant[],
): Promise<GrantChange[]> {
  const rows = await db
    .selectFrom('workspace_roles')
    .select(['user_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'user_id',
      'in',
      grants.map((g) => g.userId),
    )
    .execute();
  return applyGrants(new Map(rows.map((r) => [r.user_id, r.role])), grants, {
    remove: (userId) =>
      db
        .deleteFrom('workspace_roles')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute(),
    add: (userId, role) =>
      db
        .insertInto('workspace_roles')
        .values({ workspace_id: workspaceId, user_id: userId, role, created_at: new Date().toISOString() })
        .execute(),
  });
}

/** Applies element-role grants (editor or viewer) on one collection or environment. */
export async function writeElementRoles(
  db: Kysely<Database>,
  type: ElementType,
  elementId: string,
  grants: readonly Grant[],
): Promise<GrantChange[]> {
  const rows = await db
    .selectFrom('element_roles')
    .select(['user_id', 'role'])
    .where('element_type', '=', type)
    .where('element_id', '=', elementId)
    .where(
      'user_id',
      'in',
      grants.map((g) => g.userId),
    )
    .execute();
  return applyGrants(new Map(rows.map((r) => [r.user_id, r.role])), grants, {
    remove: (userId) =>
      db
        .deleteFrom('element_roles')
        .where('element_type', '=', type)
        .where('element_id', '=', elementId)
        .where('user_id', '=', userId)
        .execute(),
    add: (userId, role) =>
      db
        .insertInto('element_roles')
        .values({
          element_type: type,
          element_id: elementId,
          user_id: userId,
          role,
          created_at: new Date().toISOString(),
        })
        .execute(),
  });
}
