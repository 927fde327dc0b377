/** Who hears of a push-protection bypass: the admins of the workspace's team. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Recipient } from '../../mail/templates.ts';
import type { ExposedWorkspace } from './change.ts';

/**
 * The active admins of the workspace's team; for a workspace of no team, its owner and explicit
 * workspace admins.
 *
 * @example const admins = await workspaceAdmins(trx, change.workspace);
 */
export async function workspaceAdmins(
  db: Kysely<Database>,
  workspace: ExposedWorkspace,
): Promise<Recipient[]> {
  if (workspace.teamId !== null) {
    return db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.name'])
      .where('m.team_id', '=', workspace.teamId)
      .where('m.role', '=', 'admin')
      .where('m.status', '=', 'active')
      .orderBy('u.email')
      .execute();
  }
  return db
    .selectFrom('users as u')
    .select(['u.email', 'u.name'])
    .where((eb) =>
      eb.or([
        eb('u.id', '=', workspace.ownerId),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('workspace_roles')
            .select('user_id')
            .where('workspace_id', '=', workspace.id)
            .where('role', '=', 'admin'),
        ),
      ]),
    )
    .orderBy('u.email')
    .execute();
}
