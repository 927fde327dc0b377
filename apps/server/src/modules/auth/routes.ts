import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { setSessionCookie } from '../../auth/plugin.ts';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { inTransaction } from '../../db/transaction.ts';
import { presentUser } from '../users/repository.ts';
import { login } from './service.ts';

const LoginBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export const authRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const secure = deps.config.publicUrl.startsWith('https:');

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBody }, config: { auth: 'none', audit: ['user.login', 'user.login_failed'] } },
    async (req, reply) => {
      const { user, session } = await login(db, auditContext(req), req.body);
      setSessionCookie(reply, session.token, secure);
      return { user: presentUser(user), csrfToken: session.session.csrf_token };
    },
  );

  app.post('/api/auth/logout', { config: { audit: 'user.logout' } }, async (req, reply) => {
    const actor = actorOf(req);
    await inTransaction(db, async (trx) => {
      if (actor.sessionId) {
        await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date().toISOString() })
          .where('id', '=', actor.sessionId)
          .execute();
      }
      await recordAudit(trx, auditContext(req), {
        action: 'user.logout',
        target: { type: 'user', id: actor.user.id },
      });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
};
