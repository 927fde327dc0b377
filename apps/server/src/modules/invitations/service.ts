/**
 * Team invitations: a random token mailed to the invitee and stored only as its hash, valid for a
 * week and once. Accepting needs the signed-in user's email to be the invited one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { hashToken, newToken } from '../../crypto/tokens.ts';
import type { Database, TeamInvitationsTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { TeamRole } from '../../policies/roles.ts';
import { insertMember } from '../teams/repository.ts';
import type { UserRow } from '../users/repository.ts';

export type InvitationRow = Selectable<TeamInvitationsTable>;

export const INVITATION_VALID_DAYS = 7;

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** An invitation that can still be accepted (not used, not expired), by its token. */
export async function findOpenInvitation(
  db: Kysely<Database>,
  token: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('team_invitations')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

/** For sign-up by invitation: the token is open and addressed to `email`. */
export async function invitationIsFor(db: Kysely<Database>, token: string, email: string): Promise<boolean> {
  const invitation = await findOpenInvitation(db, token);
  return invitation !== undefined && sameEmail(invitation.email, email);
}

/**
 * Creates an invitation (replacing an open one to the same address) and returns it with its token,
 * which only the mail carries.
 */
export async function createInvitation(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { teamId: string; email: string; role: TeamRole; invitedBy: string },
): Promise<{ invitation: InvitationRow; token: string }> {
  const email = input.email.trim().toLowerCase();
  const token = newToken();
  const now = Date.now();
  const invitation: InvitationRow = {
    id: randomUUID(),
    token_hash: hashToken(token),
    email,
    team_id: input.teamId,
    role: input.role,
    invited_by: input.invitedBy,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + INVITATION_VALID_DAYS * 86_400_000).toISOString(),
    accepted_at: null,
    accepted_by: null,
  };
  await inTransaction(db, async (trx) => {
    const member = await trx
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.team_id', '=', input.teamId)
      .where('u.email', '=', email)
      .executeTakeFirst();
    if (member) throw new AppError('conflict', 'This person is already a member of the team');
    await trx
      .deleteFrom('team_invitations')
      .where('team_id', '=', input.teamId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .execute();
    await trx.insertInto('team_invitations').values(invitation).execute();
    await recordAudit(trx, ctx, {
      action: 'team.invite',
      teamId: input.teamId,
      target: { type: 'invitation', id: invitation.id },
      data: { email, role: input.role, expiresAt: invitation.expires_at },
    });
  });
  return { invitation, token };
}

/** Withdraws an open invitation. */
export async function revokeInvitation(
  db: Kysely<Database>,
  ctx: AuditContext,
  invitation: InvitationRow,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('team_invitations').where('id', '=', invitation.id).execute();
    await recordAudit(trx, ctx, {
      action: 'team.invitation_revoke',
      teamId: invitation.team_id,
      target: { type: 'invitation', id: invitation.id },
      data: { email: invitation.email, role: invitation.role },
    });
  });
}

/**
 * The signed-in `user` accepts the invitation `token` and joins its team with its role.
 *
 * @example const { teamId } = await acceptInvitation(db, auditContext(req), { token, user: actor.user });
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { token: string; user: UserRow },
): Promise<{ teamId: string; role: string }> {
  return inTransaction(db, async (trx) => {
    const invitation = await findOpenInvitation(trx, input.token);
    if (!invitation) throw new AppError('notFound', 'This invitation is not valid (wrong, expired or used)');
    if (!sameEmail(invitation.email, input.user.email)) {
      throw new AppError('forbidden', 'This invitation is for another email address: sign in as the invitee');
    }
    const existing = await trx
      .selectFrom('team_members')
      .select('status')
      .where('team_id', '=', invitation.team_id)
      .where('user_id', '=', input.user.id)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', 'You are already a member of this team');
    const used = await trx
      .updateTable('team_invitations')
      .set({ accepted_at: new Date().toISOString(), accepted_by: input.user.id })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('conflict', 'This invitation was just used');
    await insertMember(trx, { teamId: invitation.team_id, userId: input.user.id, role: invitation.role });
    await recordAudit(trx, ctx, {
      action: 'team.member_add',
      teamId: invitation.team_id,
      target: { type: 'user', id: input.user.id },
      data: { email: input.user.email, role: invitation.role, invitationId: invitation.id },
    });
    return { teamId: invitation.team_id, role: invitation.role };
  });
}
