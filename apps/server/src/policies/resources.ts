/**
 * Loads teams, workspaces and elements together with the facts the policy needs about one actor
 * (active team role, explicit workspace role, element role) in one query each, and turns them into
 * the resources `authorize` decides on.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { Database, TeamsTable, WorkspacesTable } from '../db/schema.ts';
import { elementRoleOf, type WorkspaceFacts, workspaceRoleOf } from './access.ts';
import type { ElementResource, TeamResource, WorkspaceResource } from './authorize.ts';
import { asTeamRole, asWorkspaceRole, asWorkspaceType, type ElementRole, type ElementType } from './roles.ts';

export type TeamRow = Selectable<TeamsTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;

export interface LoadedTeam {
  row: TeamRow;
  resource: TeamResource;
}

export interface LoadedWorkspace {
  row: WorkspaceRow;
  resource: WorkspaceResource;
}

/** The team `teamId` as `actor` sees it, or undefined when there is no such team. */
export async function loadTeam(
  db: Kysely<Database>,
  actor: Actor,
  teamId: string,
): Promise<LoadedTeam | undefined> {
  const row = await db
    .selectFrom('teams as t')
    .leftJoin('team_members as m', (join) =>
      join.onRef('m.team_id', '=', 't.id').on('m.user_id', '=', actor.user.id).on('m.status', '=', 'active'),
    )
    .selectAll('t')
    .select('m.role as member_role')
    .where('t.id', '=', teamId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { member_role, ...team } = row;
  return {
    row: team,
    resource: { type: 'team', id: team.id, forUserId: actor.user.id, teamRole: asTeamRole(member_role) },
  };
}

/** The team a workspace belongs to, as seen through the workspace (for `team.hold.*` checks). */
export function teamOfWorkspace(ws: WorkspaceResource): TeamResource | undefined {
  return ws.teamId === null
    ? undefined
    : { type: 'team', id: ws.teamId, forUserId: ws.forUserId, teamRole: ws.teamRole };
}

/** The workspace with the user's team role, explicit role and element role: one query per check. */
const factsQuery = preparedQuery(
  (db, p: { userId: string; workspaceId: string; elementType: string; elementId: string }) =>
    db
      .selectFrom('workspaces as w')
      .leftJoin('team_members as m', (join) =>
        join
          .onRef('m.team_id', '=', 'w.team_id')
          .on('m.user_id', '=', p.userId)
          .on('m.status', '=', 'active'),
      )
      .leftJoin('workspace_roles as r', (join) =>
        join.onRef('r.workspace_id', '=', 'w.id').on('r.user_id', '=', p.userId),
      )
      .leftJoin('element_roles as er', (join) =>
        join
          .on('er.element_type', '=', p.elementType)
          .on('er.element_id', '=', p.elementId)
          .on('er.user_id', '=', p.userId),
      )
      .selectAll('w')
      .select(['m.role as member_role', 'r.role as explicit_role', 'er.role as element_role'])
      .where('w.id', '=', p.workspaceId),
);

function loadFacts(
  db: Kysely<Database>,
  userId: string,
  workspaceId: string,
  element?: { type: ElementType; id: string },
) {
  return factsQuery.first(db, {
    userId,
    workspaceId,
    elementType: element?.type ?? '',
    elementId: element?.id ?? '',
  });
}

function toWorkspace(userId: string, row: NonNullable<Awaited<ReturnType<typeof loadFacts>>>) {
  const { member_role, explicit_role, element_role, ...workspace } = row;
  const facts: WorkspaceFacts = {
    type: asWorkspaceType(workspace.type),
    teamId: workspace.team_id,
    ownerId: workspace.owner_id,
    teamRole: asTeamRole(member_role),
    explicitRole: asWorkspaceRole(explicit_role),
  };
  const resource: WorkspaceResource = {
    type: 'workspace',
    id: workspace.id,
    forUserId: userId,
    workspaceType: facts.type,
    teamId: facts.teamId,
    ownerId: facts.ownerId,
    teamRole: facts.teamRole,
    role: workspaceRoleOf(facts, userId),
  };
  const elementRole = asWorkspaceRole(element_role);
  return {
    workspace,
    facts,
    resource,
    elementRole: elementRole === 'admin' ? null : (elementRole as ElementRole | null),
  };
}

/** The workspace `workspaceId` as `actor` sees it, or undefined when there is no such workspace. */
export async function loadWorkspace(
  db: Kysely<Database>,
  actor: Actor,
  workspaceId: string,
): Promise<LoadedWorkspace | undefined> {
  const row = await loadFacts(db, actor.user.id, workspaceId);
  if (!row) return undefined;
  const { workspace, resource } = toWorkspace(actor.user.id, row);
  return { row: workspace, resource };
}

/**
 * A collection or environment (already loaded by its module) as `actor` sees it.
 *
 * @example
 * const row = await findCollection(db, id);
 * authorize(actor, 'collection.update', row && (await loadElement(db, actor, 'collection', row)));
 */
export async function loadElement<T extends ElementType>(
  db: Kysely<Database>,
  actor: Actor,
  type: T,
  element: { id: string; workspace_id: string },
): Promise<ElementResource<T> | undefined> {
  const row = await loadFacts(db, actor.user.id, element.workspace_id, { type, id: element.id });
  if (!row) return undefined;
  const { facts, resource, elementRole } = toWorkspace(actor.user.id, row);
  return {
    type,
    id: element.id,
    forUserId: actor.user.id,
    workspace: resource,
    role: elementRoleOf(facts, actor.user.id, elementRole),
  };
}
