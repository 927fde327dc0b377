/** The role and type vocabularies of teams, workspaces and elements, and the order of workspace roles. */

export const TEAM_ROLES = [
  'admin',
  'developer',
  'billing',
  'community-manager',
  'partner-manager',
  'partner',
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const MEMBER_STATUSES = ['active', 'suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const WORKSPACE_TYPES = ['personal', 'private', 'team', 'partner', 'public'] as const;
export type WorkspaceType = (typeof WORKSPACE_TYPES)[number];

/** Workspace roles, strongest first; element roles are the two weaker ones. */
export const WORKSPACE_ROLES = ['admin', 'editor', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ELEMENT_ROLES = ['editor', 'viewer'] as const;
export type ElementRole = (typeof ELEMENT_ROLES)[number];

export const ELEMENT_TYPES = ['collection', 'environment'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

const RANK: Record<WorkspaceRole, number> = { viewer: 1, editor: 2, admin: 3 };

/**
 * The order of workspace roles: 0 for none, then viewer < editor < admin.
 *
 * @example roleRank('editor') > roleRank('viewer') // true
 */
export function roleRank(role: WorkspaceRole | null | undefined): number {
  return role ? RANK[role] : 0;
}

/** The role of a rank (inverse of `roleRank`); null for 0. */
export function roleOfRank(rank: number): WorkspaceRole | null {
  return WORKSPACE_ROLES.find((r) => RANK[r] === rank) ?? null;
}

/** The roles at least as strong as `min`, e.g. `['admin', 'editor']` for editor. */
export function rolesAtLeast(min: WorkspaceRole): WorkspaceRole[] {
  return WORKSPACE_ROLES.filter((r) => RANK[r] >= RANK[min]);
}

/** Narrows a stored string to a team role (rows hold only valid ones; anything else counts as none). */
export function asTeamRole(value: string | null | undefined): TeamRole | null {
  return (TEAM_ROLES as readonly string[]).includes(value ?? '') ? (value as TeamRole) : null;
}

export function asWorkspaceRole(value: string | null | undefined): WorkspaceRole | null {
  return (WORKSPACE_ROLES as readonly string[]).includes(value ?? '') ? (value as WorkspaceRole) : null;
}

export function asWorkspaceType(value: string): WorkspaceType {
  if ((WORKSPACE_TYPES as readonly string[]).includes(value)) return value as WorkspaceType;
  throw new Error(`unknown workspace type in the database: ${value}`);
}
