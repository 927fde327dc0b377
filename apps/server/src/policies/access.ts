/**
 * A user's effective role on one workspace or element, derived from the facts about them
 * (ownership, active team role, explicit grants) by the rules of policy-table.ts. The list queries
 * use the same rules in SQL (visibility-sql.ts); a test checks both agree on every combination.
 */
import {
  EVERYONE_GRANTS,
  EXPLICIT_ROLE_CAP,
  NO_TEAM_CAP,
  OWNER_GRANTS,
  TEAM_ROLE_GRANTS,
} from './policy-table.ts';
import {
  type ElementRole,
  roleOfRank,
  roleRank,
  type TeamRole,
  type WorkspaceRole,
  type WorkspaceType,
} from './roles.ts';

/** What the database says about one user and one workspace. */
export interface WorkspaceFacts {
  type: WorkspaceType;
  teamId: string | null;
  ownerId: string;
  /** The user's role in the workspace's team, only when the membership is active. */
  teamRole: TeamRole | null;
  /** The user's explicit workspace role, if any. */
  explicitRole: WorkspaceRole | null;
}

/** The strongest role an explicit grant can give this user in this workspace. */
export function explicitCap(facts: WorkspaceFacts): WorkspaceRole | null {
  if (facts.teamId === null) return NO_TEAM_CAP[facts.type];
  if (facts.teamRole === null) return null;
  return EXPLICIT_ROLE_CAP[facts.type][facts.teamRole] ?? null;
}

/**
 * The user's role on the workspace, or null when they may not see it.
 *
 * @example
 * workspaceRoleOf({ type: 'team', teamId: 't', ownerId: 'o', teamRole: 'developer', explicitRole: null }, 'u')
 * // 'viewer'
 */
export function workspaceRoleOf(facts: WorkspaceFacts, userId: string): WorkspaceRole | null {
  const capped = Math.min(roleRank(facts.explicitRole), roleRank(explicitCap(facts)));
  return roleOfRank(
    Math.max(
      facts.ownerId === userId ? roleRank(OWNER_GRANTS[facts.type]) : 0,
      roleRank(EVERYONE_GRANTS[facts.type]),
      facts.teamRole ? roleRank(TEAM_ROLE_GRANTS[facts.type][facts.teamRole]) : 0,
      capped,
    ),
  );
}

/**
 * The user's role on a collection or environment: the workspace role, raised (or, without one,
 * set) by an element role within the same cap as explicit workspace roles.
 */
export function elementRoleOf(
  facts: WorkspaceFacts,
  userId: string,
  elementRole: ElementRole | null,
): WorkspaceRole | null {
  const fromElement = Math.min(roleRank(elementRole), roleRank(explicitCap(facts)));
  return roleOfRank(Math.max(roleRank(workspaceRoleOf(facts, userId)), fromElement));
}
