/** Workspace queries; lists filter by the policy in SQL (policies/visibility-sql.ts). */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type WorkspaceFacts, workspaceRoleOf } from '../../policies/access.ts';
import type { WorkspaceRow } from '../../policies/resources.ts';
import {
  asTeamRole,
  asWorkspaceRole,
  asWorkspaceType,
  type ElementType,
  type WorkspaceRole,
} from '../../policies/roles.ts';
import { elementRoleAtLeast, workspaceRoleAtLeast } from '../../policies/visibility-sql.ts';
import { afterCursor } from './pagination.ts';

/** The workspaces `userId` may see, by name, each with the user's role. */
export async function listVisibleWorkspaces(
  db: Kysely<Database>,
  userId: string,
  filter: { type?: string; teamId?: string; limit: number; cursor?: string },
): Promise<Array<{ row: WorkspaceRow; role: WorkspaceRole | null }>> {
  let query = db
    .selectFrom('workspaces as w')
    .leftJoin('team_members as m', (join) =>
      join.onRef('m.team_id', '=', 'w.team_id').on('m.user_id', '=', userId).on('m.status', '=', 'active'),
    )
    .leftJoin('workspace_roles as r', (join) =>
      join.onRef('r.workspace_id', '=', 'w.id').on('r.user_id', '=', userId),
    )
    .selectAll('w')
    .select(['m.role as member_role', 'r.role as explicit_role'])
    .where(workspaceRoleAtLeast('w', userId, 'viewer'))
    .orderBy('w.name')
    .orderBy('w.id')
    .limit(filter.limit + 1);
  if (filter.type) query = query.where('w.type', '=', filter.type);
  if (filter.teamId) query = query.where('w.team_id', '=', filter.teamId);
  const after = afterCursor('w.name', 'w.id', filter.cursor);
  if (after) query = query.where(after);
  const rows = await query.execute();
  return rows.map(({ member_role, explicit_role, ...row }) => {
    const facts: WorkspaceFacts = {
      type: asWorkspaceType(row.type),
      teamId: row.team_id,
      ownerId: row.owner_id,
      teamRole: asTeamRole(member_role),
      explicitRole: asWorkspaceRole(explicit_role),
    };
    return { row, role: workspaceRoleOf(facts, userId) };
  });
}

/** Every collection or environment of a workspace (for GET /api/workspaces/:id), by name. */
export async function elementsOf(db: Kysely<Database>, type: ElementType, workspaceId: string) {
  const table = type === 'collection' ? 'collections' : 'environments';
  return db
    .selectFrom(table)
    .select(['id', 'name', 'workspace_id', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The explicit roles of a workspace with the users' names. */
export async function workspaceRoles(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('workspace_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.email', 'u.name', 'r.role'])
    .where('r.workspace_id', '=', workspaceId)
    .orderBy('u.email')
    .execute();
}

/** The active team role of each of `userIds` in `teamId` (absent: not an active member). */
export async function activeTeamRoles(
  db: Kysely<Database>,
  teamId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'role'])
    .where('team_id', '=', teamId)
    .where('status', '=', 'active')
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.role]));
}

type WorkspaceIds = SelectQueryBuilder<Database, 'workspaces', { id: string }>;

/**
 * Deletes element roles on the collections and environments of the workspaces `workspaceIds`
 * selects (only `userId`'s when given).
 *
 * @example await deleteElementRolesIn(trx, trx.selectFrom('workspaces').select('id').where('team_id', '=', teamId), userId);
 */
export async function deleteElementRolesIn(
  db: Kysely<Database>,
  workspaceIds: WorkspaceIds,
  userId?: string,
): Promise<void> {
  let query = db
    .deleteFrom('element_roles')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('element_type', '=', 'collection'),
          eb(
            'element_id',
            'in',
            eb.selectFrom('collections').select('id').where('workspace_id', 'in', workspaceIds),
          ),
        ]),
        eb.and([
          eb('element_type', '=', 'environment'),
          eb(
            'element_id',
            'in',
            eb.selectFrom('environments').select('id').where('workspace_id', 'in', workspaceIds),
          ),
        ]),
      ]),
    );
  if (userId) query = query.where('user_id', '=', userId);
  await query.execute();
}

/** Deletes a workspace and everything in it (elements, versions, variables, roles). */
export async function deleteWorkspaceRows(db: Kysely<Database>, workspaceId: string): Promise<void> {
  await deleteElementRolesIn(db, db.selectFrom('workspaces').select('id').where('id', '=', workspaceId));
  const collections = db.selectFrom('collections').select('id').where('workspace_id', '=', workspaceId);
  const environments = db.selectFrom('environments').select('id').where('workspace_id', '=', workspaceId);
  await db.deleteFrom('collection_versions').where('collection_id', 'in', collections).execute();
  await db.deleteFrom('environment_variables').where('environment_id', 'in', environments).execute();
  await db.deleteFrom('collections').where('workspace_id', '=', workspaceId).execute();
  await db.deleteFrom('environments').where('workspace_id', '=', workspaceId).execute();
  await db.deleteFrom('workspace_roles').where('workspace_id', '=', workspaceId).execute();
  await db.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
}

const ELEMENT_TABLE = { collection: 'collections', environment: 'environments' } as const;

/** One collection or environment row's identity (without content), or undefined. */
export async function findElement(db: Kysely<Database>, type: ElementType, id: string) {
  return db
    .selectFrom(ELEMENT_TABLE[type] as 'collections')
    .select(['id', 'name', 'workspace_id', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The collections or environments `userId` may see (through their workspace or an element role),
 * optionally in one workspace, by name; filtered in SQL.
 */
export async function listVisibleElements(
  db: Kysely<Database>,
  type: ElementType,
  userId: string,
  filter: { workspaceId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  let query = db
    // Both tables have the columns used here; typed as one so Kysely can follow the query.
    .selectFrom(`${ELEMENT_TABLE[type]} as e` as 'collections as e')
    .innerJoin('workspaces as w', 'w.id', 'e.workspace_id')
    .select(['e.id', 'e.name', 'e.workspace_id', 'e.updated_at'])
    .where(elementRoleAtLeast(type, 'e', 'w', userId, 'viewer'))
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(filter.limit + 1);
  if (filter.workspaceId) query = query.where('e.workspace_id', '=', filter.workspaceId);
  const after = afterCursor('e.name', 'e.id', filter.cursor);
  if (after) query = query.where(after);
  return query.execute();
}
