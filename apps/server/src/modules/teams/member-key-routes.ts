/** Team admins see and revoke the API keys of their team's members (issue #3, "API keys"). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { presentApiKey, revokeApiKey } from '../../auth/api-keys.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireTeam } from '../../policies/require.ts';
import { TeamIdParams } from './schema.ts';

const KeyParams = z.object({ id: z.uuid(), keyId: z.uuid() });

export const memberKeyRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  /** Keys of the team's members (never the keys themselves), live ones first. */
  const memberKeys = (from: Kysely<Database>, teamId: string) =>
    from
      .selectFrom('api_keys as k')
      .innerJoin('team_members as m', 'm.user_id', 'k.user_id')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .selectAll('k')
      .select(['u.email as owner_email'])
      .where('m.team_id', '=', teamId)
      .orderBy('k.created_at', 'desc');

  app.get(
    '/api/teams/:id/api-keys',
    { schema: { params: TeamIdParams }, config: { scope: 'teams:read' } },
    async (req) => {
      await requireTeam(db, actorOf(req), req.params.id, 'team.members.manage');
      const rows = await memberKeys(db, req.params.id).execute();
      return {
        apiKeys: rows.map((r) => ({ ...presentApiKey(r), owner: { id: r.user_id, email: r.owner_email } })),
      };
    },
  );

  app.delete(
    '/api/teams/:id/api-keys/:keyId',
    { schema: { params: KeyParams }, config: { scope: 'teams:write', audit: 'apikey.revoke' } },
    async (req, reply) => {
      await requireTeam(db, actorOf(req), req.params.id, 'team.members.manage');
      await inTransaction(db, async (trx) => {
        const row = await memberKeys(trx, req.params.id)
          .where('k.id', '=', req.params.keyId)
          .executeTakeFirst();
        if (!row) throw new AppError('notFound', 'No such API key among this team’s members');
        await revokeApiKey(trx, auditContext(req), row, {
          teamId: req.params.id,
          data: { owner: row.user_id, byTeamAdmin: true },
        });
      });
      return reply.code(204).send();
    },
  );
};
