/**
 * The one policy layer: every route that touches a team, workspace, collection or environment
 * calls `authorize(actor, action, resource)` with a resource loaded for that actor (resources.ts).
 * A resource the actor may not read answers 404 `notFound` (its existence is not revealed); one
 * they may read but not act on answers 403 `forbidden`. API-key scopes are checked before this by
 * the route's `config.scope`.
 */
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import {
  ACCOUNT_PERMISSIONS,
  type AccountAction,
  type CollectionAction,
  ELEMENT_PERMISSIONS,
  type ElementVerb,
  type EnvironmentAction,
  TEAM_PERMISSIONS,
  type TeamAction,
  WORKSPACE_PERMISSIONS,
  type WorkspaceAction,
} from './policy-table.ts';
import { roleRank, type TeamRole, type WorkspaceRole, type WorkspaceType } from './roles.ts';

/** A team as one user sees it. */
export interface TeamResource {
  type: 'team';
  id: string;
  /** The user the roles were computed for. */
  forUserId: string;
  /** The user's team role when their membership is active. */
  teamRole: TeamRole | null;
}

/** A workspace as one user sees it. */
export interface WorkspaceResource {
  type: 'workspace';
  id: string;
  forUserId: string;
  workspaceType: WorkspaceType;
  teamId: string | null;
  ownerId: string;
  teamRole: TeamRole | null;
  /** The effective workspace role (access.ts). */
  role: WorkspaceRole | null;
}

/** A collection or environment as one user sees it. */
export interface ElementResource<T extends 'collection' | 'environment' = 'collection' | 'environment'> {
  type: T;
  id: string;
  forUserId: string;
  workspace: WorkspaceResource;
  /** The effective role on the element (workspace role raised by an element role). */
  role: WorkspaceRole | null;
}

/** Things a user does outside any team (create a team or a workspace of no team, accept an invitation). */
export interface AccountResource {
  type: 'account';
}

export type Resource = TeamResource | WorkspaceResource | ElementResource | AccountResource;

/** The one message of every `notFound` the policy gives. */
export const NOT_FOUND = 'Not found (or not visible to you)';

const NOUN: Record<Resource['type'], string> = {
  team: 'team',
  workspace: 'workspace',
  collection: 'collection',
  environment: 'environment',
  account: 'account',
};

function teamAllows(role: TeamRole | null, action: TeamAction): boolean {
  return role !== null && (TEAM_PERMISSIONS[action] as readonly TeamRole[]).includes(role);
}

function workspaceAllows(actor: Actor, action: WorkspaceAction, ws: WorkspaceResource): boolean {
  if (roleRank(ws.role) < roleRank(WORKSPACE_PERMISSIONS[action])) return false;
  const setType = /^workspace\.set_type\.(.+)$/.exec(action)?.[1] as WorkspaceType | undefined;
  if (!setType) return true;
  if (setType === 'personal' && ws.ownerId !== actor.user.id) return false;
  if (ws.teamId === null) {
    const rule = ACCOUNT_PERMISSIONS[`account.hold.${setType}` as AccountAction] as
      | { verifiedEmail: boolean }
      | undefined;
    return rule !== undefined && accountAllows(actor, rule);
  }
  return setType !== 'personal' && teamAllows(ws.teamRole, `team.hold.${setType}` as TeamAction);
}

function accountAllows(actor: Actor, rule: { verifiedEmail: boolean }): boolean {
  return !rule.verifiedEmail || actor.user.email_verified === 1;
}

function elementAllows(role: WorkspaceRole | null, verb: ElementVerb): boolean {
  return roleRank(role) >= roleRank(ELEMENT_PERMISSIONS[verb]);
}

/**
 * Whether `actor` may perform `action` on `resource` (no error; for presenting abilities).
 *
 * @example can(actor, 'workspace.update', ws) // false for a viewer
 */
export function can(actor: Actor, action: string, resource: Resource): boolean {
  if (resource.type !== 'account' && resource.forUserId !== actor.user.id) {
    throw new Error(`a ${resource.type} loaded for another user was authorized`);
  }
  switch (resource.type) {
    case 'account': {
      const rule = (ACCOUNT_PERMISSIONS as Record<string, { verifiedEmail: boolean }>)[action];
      return rule !== undefined && accountAllows(actor, rule);
    }
    case 'team':
      return action in TEAM_PERMISSIONS && teamAllows(resource.teamRole, action as TeamAction);
    case 'workspace':
      return action in WORKSPACE_PERMISSIONS && workspaceAllows(actor, action as WorkspaceAction, resource);
    default: {
      const verb = action.slice(resource.type.length + 1) as ElementVerb;
      if (!action.startsWith(`${resource.type}.`) || !(verb in ELEMENT_PERMISSIONS)) return false;
      if (verb === 'reveal' && resource.type !== 'environment') return false;
      return elementAllows(resource.role, verb);
    }
  }
}

/**
 * Throws unless `actor` may perform `action` on `resource`: `notFound` when the resource is
 * missing (undefined) or not readable by the actor, `forbidden` when readable but not allowed.
 *
 * @example
 * const ws = await loadWorkspace(db, actor, req.params.id);
 * authorize(actor, 'workspace.update', ws?.resource);
 */
export function authorize(actor: Actor, action: AccountAction, resource: AccountResource): void;
export function authorize(actor: Actor, action: TeamAction, resource: TeamResource | undefined): void;
export function authorize(
  actor: Actor,
  action: WorkspaceAction,
  resource: WorkspaceResource | undefined,
): void;
export function authorize(
  actor: Actor,
  action: CollectionAction,
  resource: ElementResource<'collection'> | undefined,
): void;
export function authorize(
  actor: Actor,
  action: EnvironmentAction,
  resource: ElementResource<'environment'> | undefined,
): void;
export function authorize(
  actor: Actor,
  action: CollectionAction | EnvironmentAction,
  resource: ElementResource | undefined,
): void;
export function authorize(actor: Actor, action: string, resource: Resource | undefined): void {
  // Missing and invisible answer alike, to the letter: the message must not tell them apart.
  if (resource === undefined) throw new AppError('notFound', NOT_FOUND);
  if (resource.type !== 'account' && !can(actor, `${resource.type}.read`, resource)) {
    throw new AppError('notFound', NOT_FOUND);
  }
  if (!can(actor, action, resource)) {
    throw new AppError('forbidden', forbiddenMessage(actor, action, resource));
  }
}

function forbiddenMessage(actor: Actor, action: string, resource: Resource): string {
  if (resource.type === 'account') {
    return actor.user.email_verified === 1 ? `You may not ${action}` : 'Verify your email address first';
  }
  const role =
    resource.type === 'team'
      ? `team role "${resource.teamRole}"`
      : `role "${resource.role ?? 'none'}" on this ${NOUN[resource.type]}`;
  return `Your ${role} does not allow ${action}`;
}
