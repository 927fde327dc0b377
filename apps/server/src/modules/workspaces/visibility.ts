/**
 * Every change of a workspace's type goes through `changeWorkspaceVisibility`: it authorizes the
 * new type (policy-table.ts `workspace.set_type.*`), runs the registered publish check (push
 * protection plugs in here: scan the workspace's collections and environments before it becomes
 * public or partner), rewrites the grants the new type implies, and audits
 * `workspace.visibility_change` in the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { AuditContext } from '../../audit/record.ts';
import { recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../policies/authorize.ts';
import type { WorkspaceAction } from '../../policies/policy-table.ts';
import type { LoadedWorkspace } from '../../policies/resources.ts';
import type { WorkspaceType } from '../../policies/roles.ts';
import { deleteElementRolesIn } from './repository.ts';

async function hasExplicitAdmin(trx: Transaction<Database>, workspaceId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('workspace_roles')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A check that may refuse a type change by throwing (e.g. push protection finding a secret). */
export type VisibilityCheck = (
  trx: Transaction<Database>,
  change: { actor: Actor; workspaceId: string; from: WorkspaceType; to: WorkspaceType },
) => Promise<void>;

let visibilityCheck: VisibilityCheck = async () => {};

/** Registers the check run before every type change (the secret scanner's push protection). */
export function setVisibilityCheck(check: VisibilityCheck | undefined): void {
  visibilityCheck = check ?? (async () => {});
}

/**
 * Changes the type of `ws` to `to` inside `trx`; a no-op when it already has that type.
 *
 * @example await inTransaction(db, (trx) => changeWorkspaceVisibility(trx, auditContext(req), actor, ws, 'public'));
 */
export async function changeWorkspaceVisibility(
  trx: Transaction<Database>,
  ctx: AuditContext,
  actor: Actor,
  ws: LoadedWorkspace,
  to: WorkspaceType,
): Promise<void> {
  const from = ws.resource.workspaceType;
  if (from === to) return;
  authorize(actor, `workspace.set_type.${to}` as WorkspaceAction, ws.resource);
  await visibilityCheck(trx, { actor, workspaceId: ws.row.id, from, to });
  const now = new Date().toISOString();
  await trx
    .updateTable('workspaces')
    .set({ type: to, updated_at: now })
    .where('id', '=', ws.row.id)
    .execute();
  if (to === 'personal') {
    // Personal means the owner alone: no grant survives.
    await trx.deleteFrom('workspace_roles').where('workspace_id', '=', ws.row.id).execute();
    await deleteElementRolesIn(trx, trx.selectFrom('workspaces').select('id').where('id', '=', ws.row.id));
  } else if (from === 'personal') {
    await trx
      .insertInto('workspace_roles')
      .values({ workspace_id: ws.row.id, user_id: ws.row.owner_id, role: 'admin', created_at: now })
      .execute();
  } else if (to === 'private' && !(await hasExplicitAdmin(trx, ws.row.id))) {
    // Team admins have no implicit rights in a private workspace: whoever makes it private keeps
    // administering it, so it is never left without an admin.
    await trx
      .deleteFrom('workspace_roles')
      .where('workspace_id', '=', ws.row.id)
      .where('user_id', '=', actor.user.id)
      .execute();
    await trx
      .insertInto('workspace_roles')
      .values({ workspace_id: ws.row.id, user_id: actor.user.id, role: 'admin', created_at: now })
      .execute();
  }
  await recordAudit(trx, ctx, {
    action: 'workspace.visibility_change',
    teamId: ws.row.team_id,
    workspaceId: ws.row.id,
    target: { type: 'workspace', id: ws.row.id },
    data: { name: ws.row.name, from, to },
  });
}
