/** The signed-in user: profile and sessions (API.md "Accounts"). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { presentUser } from '../users/repository.ts';

export const meRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get('/api/me', async (req) => {
    const actor = actorOf(req);
    let csrfToken: string | undefined;
    if (actor.sessionId) {
      const session = await db
        .selectFrom('sessions')
        .select('csrf_token')
        .where('id', '=', actor.sessionId)
        .executeTakeFirst();
      csrfToken = session?.csrf_token;
    }
    return { user: presentUser(actor.user), ...(csrfToken ? { csrfToken } : {}) };
  });

  app.get('/api/me/sessions', async (req) => {
    const actor = actorOf(req);
    const rows = await db
      .selectFrom('sessions')
      .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
      .where('user_id', '=', actor.user.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .orderBy('created_at', 'desc')
      .execute();
    return {
      sessions: rows.map((s) => ({
        id: s.id,
        ip: s.ip,
        userAgent: s.user_agent,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: s.expires_at,
        current: s.id === actor.sessionId,
      })),
    };
  });

  app.delete(
    '/api/me/sessions/:id',
    { schema: { params: z.object({ id: z.uuid() }) }, config: { audit: 'session.revoke' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date().toISOString() })
          .where('id', '=', req.params.id)
          .where('user_id', '=', actor.user.id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new AppError('notFound', 'No such session');
        await recordAudit(trx, auditContext(req), {
          action: 'session.revoke',
          target: { type: 'session', id: req.params.id },
        });
      });
      return reply.code(204).send();
    },
  );
};
