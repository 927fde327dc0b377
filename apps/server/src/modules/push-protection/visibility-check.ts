/**
 * Push protection on visibility changes: before a workspace becomes public or partner, every
 * collection and environment in it is scanned (workspaces/visibility.ts runs this registered check
 * inside the change's transaction). Secret-typed environment values are not scanned: they stay
 * sealed and masked whatever the workspace's type.
 */
import type { WorkspaceType } from '../../policies/roles.ts';
import { setVisibilityCheck, type VisibilityCheck } from '../workspaces/visibility.ts';
import { enforcePushProtection } from './enforce.ts';
import { workspaceExposures } from './exposure.ts';
import { currentGuard } from './guard.ts';

/** The types that expose a workspace's content beyond its team. */
export const EXPOSING_TYPES: ReadonlySet<WorkspaceType> = new Set(['public', 'partner']);

export const pushProtectionVisibilityCheck: VisibilityCheck = async (trx, change) => {
  if (!EXPOSING_TYPES.has(change.to)) return;
  const ws = await trx
    .selectFrom('workspaces')
    .select(['id', 'name', 'team_id', 'owner_id'])
    .where('id', '=', change.workspaceId)
    .executeTakeFirst();
  if (!ws) return;
  const workspace = { id: ws.id, name: ws.name, teamId: ws.team_id, ownerId: ws.owner_id };
  const exposures = await workspaceExposures(trx, ws.id);
  await enforcePushProtection(
    trx,
    currentGuard(),
    { kind: 'visibility', workspace, from: change.from, to: change.to },
    exposures,
  );
};

/** Registers the check with workspaces/visibility.ts (idempotent; stateless, so one for every app). */
export function registerPushProtection(): void {
  setVisibilityCheck(pushProtectionVisibilityCheck);
}
