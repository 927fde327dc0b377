/**
 * Every access rule of Postern, as data. `access.ts` (one resource at a time, in JS) and
 * `visibility-sql.ts` (list queries, in SQL) both derive from these tables, and `authorize.ts`
 * applies the action tables; nothing else decides who may do what. docs/ARCHITECTURE.md
 * ("Access policy") explains them in prose.
 *
 * A user's role on a workspace is the strongest of:
 *   1. OWNER_GRANTS      — by owning it (only personal workspaces: owner only);
 *   2. EVERYONE_GRANTS   — by being signed in (public workspaces: viewer);
 *   3. TEAM_ROLE_GRANTS  — by an active membership of the workspace's team, per team role and type;
 *   4. an explicit workspace role (admin/editor/viewer), capped by EXPLICIT_ROLE_CAP for the
 *      holder's team role (NO_TEAM_CAP when the workspace belongs to no team). A suspended or
 *      removed member holds nothing in the team's workspaces, whatever rows remain.
 * On a collection or environment the user's role is the stronger of the workspace role and an
 * element role (editor/viewer) capped the same way as 4: an element role raises a workspace
 * viewer to editor on that element, or gives an otherwise unrelated team member access to it.
 * Server administrators get no content rights from that flag (they read the whole audit trail).
 */
import { TEAM_ROLES, type TeamRole, type WorkspaceRole, type WorkspaceType } from './roles.ts';

type Grants = Partial<Record<TeamRole, WorkspaceRole>>;

/** 1. What owning a workspace gives by itself. Other types: the creator gets an explicit admin role. */
export const OWNER_GRANTS: Record<WorkspaceType, WorkspaceRole | null> = {
  personal: 'admin',
  private: null,
  team: null,
  partner: null,
  public: null,
};

/** 2. What every signed-in user gets. */
export const EVERYONE_GRANTS: Record<WorkspaceType, WorkspaceRole | null> = {
  personal: null,
  private: null,
  team: null,
  partner: null,
  public: 'viewer',
};

/**
 * 3. What an active team role gives in the team's workspaces, by type (missing: nothing).
 * Team admins administer team, partner and public workspaces; community managers manage public
 * ones and partner managers partner ones; the internal team reads team and partner workspaces;
 * billing and partners get nothing implicitly. Private workspaces: explicit members only.
 */
export const TEAM_ROLE_GRANTS: Record<WorkspaceType, Grants> = {
  personal: {},
  private: {},
  team: { admin: 'admin', developer: 'viewer', 'community-manager': 'viewer', 'partner-manager': 'viewer' },
  partner: {
    admin: 'admin',
    'partner-manager': 'admin',
    developer: 'viewer',
    'community-manager': 'viewer',
  },
  public: { admin: 'admin', 'community-manager': 'admin' },
};

const INTERNAL: Grants = {
  admin: 'admin',
  developer: 'admin',
  billing: 'admin',
  'community-manager': 'admin',
  'partner-manager': 'admin',
};

/**
 * 4. The strongest role an explicit grant (workspace or element role) can give in a team's
 * workspace, by type and the holder's team role (missing: the grant counts for nothing).
 * Partners count only in partner workspaces, and at most as editors.
 */
export const EXPLICIT_ROLE_CAP: Record<WorkspaceType, Grants> = {
  personal: {},
  private: INTERNAL,
  team: INTERNAL,
  partner: { ...INTERNAL, partner: 'editor' },
  public: INTERNAL,
};

/** 4'. The same cap for a workspace that belongs to no team (anyone can be granted a role). */
export const NO_TEAM_CAP: Record<WorkspaceType, WorkspaceRole | null> = {
  personal: null,
  private: 'admin',
  team: null,
  partner: null,
  public: 'admin',
};

const ALL_ROLES: readonly TeamRole[] = TEAM_ROLES;
const INTERNAL_ROLES: readonly TeamRole[] = TEAM_ROLES.filter((r) => r !== 'partner');
const WORKSPACE_MAKERS: readonly TeamRole[] = ['admin', 'developer', 'community-manager', 'partner-manager'];

/**
 * 5. Team actions: the team roles that may perform them (active members only). `hold.<type>`:
 * who may create a workspace of that type in the team or change a team workspace to it.
 */
export const TEAM_PERMISSIONS = {
  'team.read': ALL_ROLES,
  'team.members.read': INTERNAL_ROLES,
  'team.update': ['admin'],
  'team.members.manage': ['admin'],
  'team.policy.update': ['admin'],
  'team.hold.private': WORKSPACE_MAKERS,
  'team.hold.team': WORKSPACE_MAKERS,
  'team.hold.partner': ['admin', 'partner-manager'],
  'team.hold.public': ['admin', 'community-manager'],
} as const satisfies Record<string, readonly TeamRole[]>;

/**
 * 6. Workspace actions: the weakest workspace role that may perform them. `set_type.<type>`
 * additionally needs the team role to hold that type (TEAM_PERMISSIONS `team.hold.<type>`), or,
 * for a workspace outside any team, the account to hold it (ACCOUNT_PERMISSIONS `account.hold.<type>`);
 * only the owner may make a workspace personal again.
 */
export const WORKSPACE_PERMISSIONS = {
  'workspace.read': 'viewer',
  'workspace.roles.read': 'viewer',
  'workspace.elements.create': 'editor',
  'workspace.update': 'admin',
  'workspace.delete': 'admin',
  'workspace.roles.manage': 'admin',
  'workspace.set_type.personal': 'admin',
  'workspace.set_type.private': 'admin',
  'workspace.set_type.team': 'admin',
  'workspace.set_type.partner': 'admin',
  'workspace.set_type.public': 'admin',
} as const satisfies Record<string, WorkspaceRole>;

/** 7. Collection and environment actions: the weakest role on the element that may perform them. */
export const ELEMENT_PERMISSIONS = {
  read: 'viewer',
  'roles.read': 'viewer',
  update: 'editor',
  delete: 'editor',
  /** Environments only: secret values in clear (audited). */
  reveal: 'editor',
  'roles.manage': 'admin',
} as const satisfies Record<string, WorkspaceRole>;

/**
 * 8. Actions outside any team. A verified email is needed to create a team, accept an invitation
 * or hold a shared workspace; `account.hold.<type>` lists the types a workspace outside any team can
 * have (team and partner workspaces need a team).
 */
export const ACCOUNT_PERMISSIONS = {
  'account.team.create': { verifiedEmail: true },
  // The token, mailed to the invited address, proves the email; the address must still match.
  'account.invitation.accept': { verifiedEmail: false },
  'account.hold.personal': { verifiedEmail: false },
  'account.hold.private': { verifiedEmail: true },
  'account.hold.public': { verifiedEmail: true },
} as const satisfies Record<string, { verifiedEmail: boolean }>;

export type TeamAction = keyof typeof TEAM_PERMISSIONS;
export type WorkspaceAction = keyof typeof WORKSPACE_PERMISSIONS;
export type ElementVerb = keyof typeof ELEMENT_PERMISSIONS;
export type CollectionAction = `collection.${Exclude<ElementVerb, 'reveal'>}`;
export type EnvironmentAction = `environment.${ElementVerb}`;
export type AccountAction = keyof typeof ACCOUNT_PERMISSIONS;
