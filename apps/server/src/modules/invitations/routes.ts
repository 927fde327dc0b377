/**
 * Invitations (API.md "Teams and workspaces"): team admins invite by email (the mail carries the
 * link `<public URL>/invitations/<token>`), list and withdraw open invitations; the signed-in
 * invitee accepts with the token.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { deliver } from '../../mail/deliver.ts';
import { authorize } from '../../policies/authorize.ts';
import { requireTeam } from '../../policies/require.ts';
import { loadTeam } from '../../policies/resources.ts';
import { asTeamRole, TEAM_ROLES } from '../../policies/roles.ts';
import { setInvitationLookup } from '../signup/invitations.ts';
import { presentTeam } from '../teams/present.ts';
import { TeamIdParams } from '../teams/schema.ts';
import { invitationMail } from './mail.ts';
import {
  acceptInvitation,
  createInvitation,
  INVITATION_VALID_DAYS,
  type InvitationRow,
  invitationIsFor,
  revokeInvitation,
} from './service.ts';

const InviteBody = z.object({ email: z.email().max(320), role: z.enum(TEAM_ROLES) });
const InvitationParams = z.object({ id: z.uuid(), invitationId: z.uuid() });
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/) });

function presentInvitation(row: InvitationRow) {
  return {
    id: row.id,
    teamId: row.team_id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export const invitationRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  setInvitationLookup(invitationIsFor);

  app.post(
    '/api/teams/:id/invitations',
    {
      schema: { params: TeamIdParams, body: InviteBody },
      config: { scope: 'teams:write', audit: 'team.invite' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const team = await requireTeam(db, actor, req.params.id, 'team.members.manage');
      const { invitation, token } = await createInvitation(db, auditContext(req), {
        teamId: req.params.id,
        email: req.body.email,
        role: req.body.role,
        invitedBy: actor.user.id,
      });
      const link = `${deps.config.publicUrl}/invitations/${token}`;
      deliver(
        deps.mailer,
        req.log,
        invitationMail({
          to: invitation.email,
          teamName: team.row.name,
          role: invitation.role,
          inviterName: actor.user.name,
          link,
          validDays: INVITATION_VALID_DAYS,
        }),
      );
      return reply.code(201).send({ invitation: presentInvitation(invitation) });
    },
  );

  app.get(
    '/api/teams/:id/invitations',
    { schema: { params: TeamIdParams }, config: { scope: 'teams:read' } },
    async (req) => {
      const actor = actorOf(req);
      await requireTeam(db, actor, req.params.id, 'team.members.manage');
      const rows = await db
        .selectFrom('team_invitations')
        .selectAll()
        .where('team_id', '=', req.params.id)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', new Date().toISOString())
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
      return { invitations: rows.map(presentInvitation) };
    },
  );

  app.delete(
    '/api/teams/:id/invitations/:invitationId',
    {
      schema: { params: InvitationParams },
      config: { scope: 'teams:write', audit: 'team.invitation_revoke' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await requireTeam(db, actor, req.params.id, 'team.members.manage');
      const row = await db
        .selectFrom('team_invitations')
        .selectAll()
        .where('id', '=', req.params.invitationId)
        .where('team_id', '=', req.params.id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (!row) throw new AppError('notFound', 'No such open invitation');
      await revokeInvitation(db, auditContext(req), row);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/invitations/:token/accept',
    { schema: { params: TokenParams }, config: { scope: 'teams:write', audit: 'team.member_add' } },
    async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'account.invitation.accept', { type: 'account' });
      const { teamId, role } = await acceptInvitation(db, auditContext(req), {
        token: req.params.token,
        user: actor.user,
      });
      const team = await loadTeam(db, actor, teamId);
      if (!team) throw new AppError('notFound', 'The team no longer exists');
      return { team: presentTeam(team.row, asTeamRole(role)) };
    },
  );
};
