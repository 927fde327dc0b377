/**
 * Load-and-authorize in one call, the way routes use the policy: the resource comes back only when
 * the actor may perform `action` on it (else `notFound` or `forbidden`, see authorize.ts).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, can, type ElementResource, NOT_FOUND } from './authorize.ts';
import type {
  CollectionAction,
  ElementVerb,
  EnvironmentAction,
  TeamAction,
  WorkspaceAction,
} from './policy-table.ts';
import { type LoadedTeam, type LoadedWorkspace, loadElement, loadTeam, loadWorkspace } from './resources.ts';
import type { ElementType } from './roles.ts';
import { holdsElementIn } from './visibility-sql.ts';

/** @example const team = await requireTeam(db, actor, req.params.id, 'team.members.manage'); */
export async function requireTeam(
  db: Kysely<Database>,
  actor: Actor,
  teamId: string,
  action: TeamAction,
): Promise<LoadedTeam> {
  const team = await loadTeam(db, actor, teamId);
  authorize(actor, action, team?.resource);
  return team!;
}

/** @example const ws = await requireWorkspace(db, actor, req.params.id, 'workspace.update'); */
export async function requireWorkspace(
  db: Kysely<Database>,
  actor: Actor,
  workspaceId: string,
  action: WorkspaceAction,
): Promise<LoadedWorkspace> {
  const ws = await loadWorkspace(db, actor, workspaceId);
  authorize(actor, action, ws?.resource);
  return ws!;
}

/**
 * Authorizes `<type>.<verb>` on a collection or environment row loaded by its module (undefined:
 * no such row) and returns the element as the actor sees it.
 *
 * @example const access = await requireElement(db, actor, 'collection', await findCollection(db, id), 'update');
 */
export async function requireElement<T extends ElementType>(
  db: Kysely<Database>,
  actor: Actor,
  type: T,
  row: { id: string; workspace_id: string } | undefined,
  verb: T extends 'environment' ? ElementVerb : Exclude<ElementVerb, 'reveal'>,
): Promise<ElementResource<T>> {
  const resource = row && (await loadElement(db, actor, type, row));
  authorize(actor, `${type}.${verb}` as CollectionAction | EnvironmentAction, resource);
  return resource!;
}

/**
 * For `GET /api/collections?workspace=` and the environments list: the workspace must be visible
 * to the actor, or hold an element they have a role on; otherwise `notFound`.
 */
export async function requireListable(
  db: Kysely<Database>,
  actor: Actor,
  type: ElementType,
  workspaceId: string,
): Promise<void> {
  const ws = await loadWorkspace(db, actor, workspaceId);
  if (ws && can(actor, 'workspace.read', ws.resource)) return;
  const viaElement =
    ws &&
    (await db
      .selectFrom('workspaces as w')
      .select('w.id')
      .where('w.id', '=', workspaceId)
      .where(holdsElementIn(type, 'w', actor.user.id))
      .executeTakeFirst());
  if (!viaElement) throw new AppError('notFound', NOT_FOUND);
}
