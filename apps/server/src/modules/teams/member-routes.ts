/** Team members: list, change role or status (suspension), remove or leave. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireTeam } from '../../policies/require.ts';
import { toPage } from '../workspaces/pagination.ts';
import { presentMember } from './present.ts';
import { findMember, listMembers } from './repository.ts';
import { ListQuery, MemberParams, TeamIdParams, UpdateMemberBody } from './schema.ts';
import { changeMember, removeMember } from './service.ts';

export const memberRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/teams/:id/members',
    { schema: { params: TeamIdParams, querystring: ListQuery }, config: { scope: 'teams:read' } },
    async (req) => {
      const actor = actorOf(req);
      await requireTeam(db, actor, req.params.id, 'team.members.read');
      const rows = await listMembers(db, req.params.id, req.query);
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({ sort: r.email, id: r.user_id }));
      return { members: items.map(presentMember), meta: { nextCursor } };
    },
  );

  app.patch(
    '/api/teams/:id/members/:userId',
    {
      schema: { params: MemberParams, body: UpdateMemberBody },
      config: { scope: 'teams:write', audit: 'team.member_update' },
    },
    async (req) => {
      const actor = actorOf(req);
      await requireTeam(db, actor, req.params.id, 'team.members.manage');
      const member = await findMember(db, req.params.id, req.params.userId);
      if (!member) throw new AppError('notFound', 'No such member in this team');
      if (req.body.status === 'suspended' && member.user_id === actor.user.id) {
        throw new AppError('invalidParams', 'You cannot suspend yourself');
      }
      const updated = await changeMember(db, auditContext(req), {
        teamId: req.params.id,
        member,
        role: req.body.role,
        status: req.body.status,
      });
      return { member: presentMember(updated) };
    },
  );

  app.delete(
    '/api/teams/:id/members/:userId',
    { schema: { params: MemberParams }, config: { scope: 'teams:write', audit: 'team.member_remove' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const byThemselves = req.params.userId === actor.user.id;
      await requireTeam(db, actor, req.params.id, byThemselves ? 'team.read' : 'team.members.manage');
      const member = await findMember(db, req.params.id, req.params.userId);
      if (!member) throw new AppError('notFound', 'No such member in this team');
      await removeMember(db, auditContext(req), { teamId: req.params.id, member, byThemselves });
      return reply.code(204).send();
    },
  );
};
