/**
 * Team changes, each in one transaction with its audit row: creating a team (the creator becomes
 * its admin), renaming it, changing or removing members and setting the team's security policy.
 * Suspending or removing someone else ends all of their sessions and API keys at once (on the whole
 * server: a compromised account is stopped everywhere, and they sign in again to reach other teams).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { revokeUserApiKeys } from '../../auth/api-keys.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { TeamRow } from '../../policies/resources.ts';
import type { MemberStatus, TeamRole } from '../../policies/roles.ts';
import type { MemberRow } from './present.ts';
import { deleteGrantsInTeam, insertMember, otherActiveAdmins } from './repository.ts';

export async function createTeam(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { name: string; creatorId: string },
): Promise<TeamRow> {
  const now = new Date().toISOString();
  const team: TeamRow = {
    id: randomUUID(),
    name: input.name,
    require_mfa: 0,
    max_api_key_days: null,
    created_by: input.creatorId,
    created_at: now,
    updated_at: now,
  };
  return inTransaction(db, async (trx) => {
    await trx.insertInto('teams').values(team).execute();
    await insertMember(trx, { teamId: team.id, userId: input.creatorId, role: 'admin' });
    await recordAudit(trx, ctx, {
      action: 'team.create',
      teamId: team.id,
      target: { type: 'team', id: team.id },
      data: { name: team.name },
    });
    return team;
  });
}

export async function renameTeam(
  db: Kysely<Database>,
  ctx: AuditContext,
  team: TeamRow,
  name: string,
): Promise<TeamRow> {
  const updated = { ...team, name, updated_at: new Date().toISOString() };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('teams')
      .set({ name, updated_at: updated.updated_at })
      .where('id', '=', team.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'team.update',
      teamId: team.id,
      target: { type: 'team', id: team.id },
      data: { name: { from: team.name, to: name } },
    });
  });
  return updated;
}

async function assertAnotherAdmin(trx: Kysely<Database>, teamId: string, member: MemberRow): Promise<void> {
  if (member.role !== 'admin' || member.status !== 'active') return;
  if ((await otherActiveAdmins(trx, teamId, member.user_id)) === 0) {
    throw new AppError('conflict', 'The team would have no active admin; make someone else admin first');
  }
}

/** Ends every session and API key of a user (suspension or removal by an admin). */
async function cutOff(trx: Kysely<Database>, userId: string): Promise<void> {
  await revokeUserSessions(trx, userId);
  await revokeUserApiKeys(trx, userId);
}

export async function changeMember(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { teamId: string; member: MemberRow; role?: TeamRole; status?: MemberStatus },
): Promise<MemberRow> {
  const { member } = input;
  const next = { ...member, role: input.role ?? member.role, status: input.status ?? member.status };
  const suspending = member.status === 'active' && next.status === 'suspended';
  await inTransaction(db, async (trx) => {
    if (next.role !== 'admin' || next.status !== 'active')
      await assertAnotherAdmin(trx, input.teamId, member);
    await trx
      .updateTable('team_members')
      .set({ role: next.role, status: next.status, updated_at: new Date().toISOString() })
      .where('team_id', '=', input.teamId)
      .where('user_id', '=', member.user_id)
      .execute();
    if (suspending) await cutOff(trx, member.user_id);
    await recordAudit(trx, ctx, {
      action: 'team.member_update',
      teamId: input.teamId,
      target: { type: 'user', id: member.user_id },
      data: {
        email: member.email,
        ...(next.role !== member.role ? { role: { from: member.role, to: next.role } } : {}),
        ...(next.status !== member.status ? { status: { from: member.status, to: next.status } } : {}),
        ...(suspending ? { sessionsAndKeysRevoked: true } : {}),
      },
    });
  });
  return next;
}

/**
 * Removes a member and their roles in the team's workspaces. A member leaving on their own keeps
 * their sessions; one removed by an admin is signed out everywhere and loses their API keys.
 */
export async function removeMember(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { teamId: string; member: MemberRow; byThemselves: boolean },
): Promise<void> {
  const { member } = input;
  await inTransaction(db, async (trx) => {
    await assertAnotherAdmin(trx, input.teamId, member);
    await deleteGrantsInTeam(trx, input.teamId, member.user_id);
    await trx
      .deleteFrom('team_members')
      .where('team_id', '=', input.teamId)
      .where('user_id', '=', member.user_id)
      .execute();
    if (!input.byThemselves) await cutOff(trx, member.user_id);
    await recordAudit(trx, ctx, {
      action: 'team.member_remove',
      teamId: input.teamId,
      target: { type: 'user', id: member.user_id },
      data: {
        email: member.email,
        role: member.role,
        left: input.byThemselves,
        sessionsAndKeysRevoked: !input.byThemselves,
      },
    });
  });
}

export async function updatePolicy(
  db: Kysely<Database>,
  ctx: AuditContext,
  team: TeamRow,
  policy: { requireMfa?: boolean; maxApiKeyDays?: number | null },
): Promise<TeamRow> {
  const next: TeamRow = {
    ...team,
    require_mfa: policy.requireMfa === undefined ? team.require_mfa : policy.requireMfa ? 1 : 0,
    max_api_key_days: policy.maxApiKeyDays === undefined ? team.max_api_key_days : policy.maxApiKeyDays,
    updated_at: new Date().toISOString(),
  };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('teams')
      .set({
        require_mfa: next.require_mfa,
        max_api_key_days: next.max_api_key_days,
        updated_at: next.updated_at,
      })
      .where('id', '=', team.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'team.policy_update',
      teamId: team.id,
      target: { type: 'team', id: team.id },
      data: {
        requireMfa: { from: team.require_mfa === 1, to: next.require_mfa === 1 },
        maxApiKeyDays: { from: team.max_api_key_days, to: next.max_api_key_days },
      },
    });
  });
  return next;
}
