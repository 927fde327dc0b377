/**
 * The rules of policy-table.ts as SQL conditions, so list endpoints filter in the query (a
 * correlated EXISTS per grant path) instead of loading rows and filtering them in JS. Portable SQL:
 * the same text runs on SQLite and PostgreSQL.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  EVERYONE_GRANTS,
  EXPLICIT_ROLE_CAP,
  NO_TEAM_CAP,
  OWNER_GRANTS,
  TEAM_ROLE_GRANTS,
} from './policy-table.ts';
import {
  type ElementType,
  roleRank,
  rolesAtLeast,
  TEAM_ROLES,
  type TeamRole,
  WORKSPACE_TYPES,
  type WorkspaceRole,
  type WorkspaceType,
} from './roles.ts';

const FALSE = sql<SqlBool>`1 = 0`;

function typesWhere(table: Record<WorkspaceType, WorkspaceRole | null>, min: WorkspaceRole): WorkspaceType[] {
  return WORKSPACE_TYPES.filter((t) => roleRank(table[t]) >= roleRank(min));
}

/** `(type = 'team' AND role IN (…)) OR …` for the (type, team role) pairs whose grant reaches `min`. */
function pairsCondition(
  typeColumn: string,
  roleColumn: string,
  table: Record<WorkspaceType, Partial<Record<TeamRole, WorkspaceRole>>>,
  min: WorkspaceRole,
): RawBuilder<SqlBool> {
  const parts = WORKSPACE_TYPES.flatMap((type) => {
    const roles = TEAM_ROLES.filter((r) => roleRank(table[type][r]) >= roleRank(min));
    return roles.length === 0
      ? []
      : [sql<SqlBool>`(${sql.ref(typeColumn)} = ${type} AND ${sql.ref(roleColumn)} IN (${sql.join(roles)}))`];
  });
  return parts.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

function inList(column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return values.length === 0 ? FALSE : sql<SqlBool>`${sql.ref(column)} IN (${sql.join(values)})`;
}

/** An explicit grant of at least `min` counts for `userId` in workspace `w` (the cap of access.ts). */
function explicitGrantCounts(w: string, userId: string, min: WorkspaceRole): RawBuilder<SqlBool> {
  return sql<SqlBool>`((${sql.ref(`${w}.team_id`)} IS NULL AND ${inList(`${w}.type`, typesWhere(NO_TEAM_CAP, min))})
    OR EXISTS (SELECT 1 FROM team_members pm_cap WHERE pm_cap.team_id = ${sql.ref(`${w}.team_id`)}
      AND pm_cap.user_id = ${userId} AND pm_cap.status = 'active'
      AND ${pairsCondition(`${w}.type`, 'pm_cap.role', EXPLICIT_ROLE_CAP, min)}))`;
}

/**
 * True where `userId` holds at least `min` on the workspace aliased `w`.
 *
 * @example
 * db.selectFrom('workspaces as w').selectAll('w').where(workspaceRoleAtLeast('w', userId, 'viewer'))
 */
export function workspaceRoleAtLeast(w: string, userId: string, min: WorkspaceRole): RawBuilder<SqlBool> {
  const ownerTypes = typesWhere(OWNER_GRANTS, min);
  const everyoneTypes = typesWhere(EVERYONE_GRANTS, min);
  return sql<SqlBool>`((${inList(`${w}.type`, ownerTypes)} AND ${sql.ref(`${w}.owner_id`)} = ${userId})
    OR ${inList(`${w}.type`, everyoneTypes)}
    OR EXISTS (SELECT 1 FROM team_members pm_tm WHERE pm_tm.team_id = ${sql.ref(`${w}.team_id`)}
      AND pm_tm.user_id = ${userId} AND pm_tm.status = 'active'
      AND ${pairsCondition(`${w}.type`, 'pm_tm.role', TEAM_ROLE_GRANTS, min)})
    OR EXISTS (SELECT 1 FROM workspace_roles pm_wr WHERE pm_wr.workspace_id = ${sql.ref(`${w}.id`)}
      AND pm_wr.user_id = ${userId} AND pm_wr.role IN (${sql.join(rolesAtLeast(min))})
      AND ${explicitGrantCounts(w, userId, min)}))`;
}

/**
 * True where `userId` holds at least `min` on the element aliased `e` (a collection or an
 * environment, by `type`) in the workspace aliased `w`.
 *
 * @example
 * db.selectFrom('collections as c').innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
 *   .where(elementRoleAtLeast('collection', 'c', 'w', userId, 'viewer'))
 */
export function elementRoleAtLeast(
  type: ElementType,
  e: string,
  w: string,
  userId: string,
  min: WorkspaceRole,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${workspaceRoleAtLeast(w, userId, min)}
    OR EXISTS (SELECT 1 FROM element_roles pm_er WHERE pm_er.element_type = ${type}
      AND pm_er.element_id = ${sql.ref(`${e}.id`)} AND pm_er.user_id = ${userId}
      AND pm_er.role IN (${sql.join(rolesAtLeast(min))})
      AND ${explicitGrantCounts(w, userId, min)}))`;
}

/** True where `userId` holds any element role of `type` on an element of the workspace aliased `w`. */
export function holdsElementIn(type: ElementType, w: string, userId: string): RawBuilder<SqlBool> {
  const table = type === 'collection' ? sql`collections` : sql`environments`;
  return sql<SqlBool>`(EXISTS (SELECT 1 FROM element_roles pm_eh
      JOIN ${table} pm_el ON pm_el.id = pm_eh.element_id
      WHERE pm_eh.element_type = ${type} AND pm_eh.user_id = ${userId}
        AND pm_el.workspace_id = ${sql.ref(`${w}.id`)})
    AND ${explicitGrantCounts(w, userId, 'viewer')})`;
}
