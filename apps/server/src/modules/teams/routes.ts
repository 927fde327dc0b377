/** Teams (API.md "Teams and workspaces"): create, list, read, rename, and the team's security policy. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { authorize } from '../../policies/authorize.ts';
import { requireTeam } from '../../policies/require.ts';
import { asTeamRole } from '../../policies/roles.ts';
import { toPage } from '../workspaces/pagination.ts';
import { registerTeamLookups } from './lookups.ts';
import { memberKeyRoutes } from './member-key-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { presentTeam } from './present.ts';
import { listTeamsOf } from './repository.ts';
import { CreateTeamBody, ListQuery, PolicyBody, TeamIdParams, UpdateTeamBody } from './schema.ts';
import { createTeam, renameTeam, updatePolicy } from './service.ts';

export const teamRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  registerTeamLookups();

  app.post(
    '/api/teams',
    { schema: { body: CreateTeamBody }, config: { scope: 'teams:write', audit: 'team.create' } },
    async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'account.team.create', { type: 'account' });
      const team = await createTeam(db, auditContext(req), {
        name: req.body.team.name,
        creatorId: actor.user.id,
      });
      return reply.code(201).send({ team: presentTeam(team, 'admin') });
    },
  );

  app.get(
    '/api/teams',
    { schema: { querystring: ListQuery }, config: { scope: 'teams:read' } },
    async (req) => {
      const rows = await listTeamsOf(db, actorOf(req).user.id, req.query);
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({ sort: r.name, id: r.id }));
      return {
        teams: items.map(({ member_role, ...team }) => presentTeam(team, asTeamRole(member_role))),
        meta: { nextCursor },
      };
    },
  );

  app.get(
    '/api/teams/:id',
    { schema: { params: TeamIdParams }, config: { scope: 'teams:read' } },
    async (req) => {
      const actor = actorOf(req);
      const team = await requireTeam(db, actor, req.params.id, 'team.read');
      return { team: presentTeam(team.row, team.resource.teamRole) };
    },
  );

  app.patch(
    '/api/teams/:id',
    {
      schema: { params: TeamIdParams, body: UpdateTeamBody },
      config: { scope: 'teams:write', audit: 'team.update' },
    },
    async (req) => {
      const actor = actorOf(req);
      const team = await requireTeam(db, actor, req.params.id, 'team.update');
      const updated = await renameTeam(db, auditContext(req), team.row, req.body.team.name);
      return { team: presentTeam(updated, team.resource.teamRole) };
    },
  );

  app.patch(
    '/api/teams/:id/policy',
    {
      schema: { params: TeamIdParams, body: PolicyBody },
      config: { scope: 'teams:write', audit: 'team.policy_update' },
    },
    async (req) => {
      const actor = actorOf(req);
      const team = await requireTeam(db, actor, req.params.id, 'team.policy.update');
      const updated = await updatePolicy(db, auditContext(req), team.row, req.body);
      return { team: presentTeam(updated, team.resource.teamRole) };
    },
  );

  await app.register(memberRoutes, deps);
  await app.register(memberKeyRoutes, deps);
};
