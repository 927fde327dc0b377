/** Workspace changes, each in one transaction with its audit rows. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../policies/authorize.ts';
import type { AccountAction, TeamAction } from '../../policies/policy-table.ts';
import { type LoadedWorkspace, loadTeam, type WorkspaceRow } from '../../policies/resources.ts';
import type { WorkspaceType } from '../../policies/roles.ts';
import { assertGrantable, type Grant, type GrantChange, writeWorkspaceRoles } from './grants.ts';
import { deleteWorkspaceRows } from './repository.ts';
import { changeWorkspaceVisibility } from './visibility.ts';

export interface NewWorkspace {
  name: string;
  type: WorkspaceType;
  teamId?: string | undefined;
  description?: string | undefined;
}

/** Who may create a workspace of this type here: the team's `hold.<type>` or the account's. */
async function authorizeCreate(db: Kysely<Database>, actor: Actor, input: NewWorkspace): Promise<void> {
  if (input.type === 'personal' && input.teamId) {
    throw new AppError('invalidParams', 'A personal workspace belongs to no team: leave teamId out');
  }
  if (!input.teamId) {
    if (input.type === 'team' || input.type === 'partner') {
      throw new AppError('invalidParams', `A ${input.type} workspace needs a teamId`);
    }
    authorize(actor, `account.hold.${input.type}` as AccountAction, { type: 'account' });
    return;
  }
  const team = await loadTeam(db, actor, input.teamId);
  authorize(actor, `team.hold.${input.type}` as TeamAction, team?.resource);
}

/** Creates a workspace; the creator owns it and, unless it is personal, is its admin. */
export async function createWorkspace(
  db: Kysely<Database>,
  ctx: AuditContext,
  actor: Actor,
  input: NewWorkspace,
): Promise<WorkspaceRow> {
  await authorizeCreate(db, actor, input);
  const now = new Date().toISOString();
  const row: WorkspaceRow = {
    id: randomUUID(),
    name: input.name,
    type: input.type,
    team_id: input.teamId ?? null,
    owner_id: actor.user.id,
    description: input.description ?? '',
    created_at: now,
    updated_at: now,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('workspaces').values(row).execute();
    if (row.type !== 'personal') {
      await trx
        .insertInto('workspace_roles')
        .values({ workspace_id: row.id, user_id: actor.user.id, role: 'admin', created_at: now })
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'workspace.create',
      teamId: row.team_id,
      workspaceId: row.id,
      target: { type: 'workspace', id: row.id },
      data: { name: row.name, type: row.type },
    });
  });
  return row;
}

/** Renames, re-describes and (through changeWorkspaceVisibility) re-types a workspace. */
export async function updateWorkspace(
  db: Kysely<Database>,
  ctx: AuditContext,
  actor: Actor,
  ws: LoadedWorkspace,
  input: { name?: string; description?: string; type?: WorkspaceType; teamId?: string | null },
): Promise<WorkspaceRow> {
  if (input.teamId !== undefined && input.teamId !== ws.row.team_id) {
    throw new AppError('invalidParams', 'A workspace cannot move to another team');
  }
  const next: WorkspaceRow = {
    ...ws.row,
    name: input.name ?? ws.row.name,
    description: input.description ?? ws.row.description,
    type: input.type ?? ws.row.type,
    updated_at: new Date().toISOString(),
  };
  await inTransaction(db, async (trx) => {
    if (input.type) await changeWorkspaceVisibility(trx, ctx, actor, ws, input.type);
    if (next.name === ws.row.name && next.description === ws.row.description) return;
    await trx
      .updateTable('workspaces')
      .set({ name: next.name, description: next.description, updated_at: next.updated_at })
      .where('id', '=', ws.row.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'workspace.update',
      teamId: ws.row.team_id,
      workspaceId: ws.row.id,
      target: { type: 'workspace', id: ws.row.id },
      data: {
        ...(next.name !== ws.row.name ? { name: { from: ws.row.name, to: next.name } } : {}),
        ...(next.description !== ws.row.description ? { descriptionChanged: true } : {}),
      },
    });
  });
  return next;
}

/** Deletes the workspace, everything in it, and its data key (its secrets become unreadable). */
export async function deleteWorkspace(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  ws: WorkspaceRow,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteWorkspaceRows(trx, ws.id);
    await keyring.destroyKey(ws.id, trx);
    await recordAudit(trx, ctx, {
      action: 'workspace.delete',
      teamId: ws.team_id,
      workspaceId: ws.id,
      target: { type: 'workspace', id: ws.id },
      data: { name: ws.name, type: ws.type },
    });
  });
}

/**
 * Sets explicit workspace roles. A workspace no team admin can reach (private, or outside any team)
 * must keep at least one admin.
 */
export async function setWorkspaceRoles(
  db: Kysely<Database>,
  ctx: AuditContext,
  ws: WorkspaceRow,
  grants: readonly Grant[],
): Promise<GrantChange[]> {
  await assertGrantable(db, ws, grants);
  return inTransaction(db, async (trx) => {
    const changes = await writeWorkspaceRoles(trx, ws.id, grants);
    if (ws.type === 'private' || ws.team_id === null) {
      const admin = await trx
        .selectFrom('workspace_roles')
        .select('user_id')
        .where('workspace_id', '=', ws.id)
        .where('role', '=', 'admin')
        .limit(1)
        .executeTakeFirst();
      if (!admin) throw new AppError('conflict', 'The workspace would have no admin left');
    }
    if (changes.length > 0) {
      await recordAudit(trx, ctx, {
        action: 'workspace.roles_update',
        teamId: ws.team_id,
        workspaceId: ws.id,
        target: { type: 'workspace', id: ws.id },
        data: { changes },
      });
    }
    return changes;
  });
}
