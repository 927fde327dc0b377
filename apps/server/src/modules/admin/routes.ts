/**
 * Server administration: sign-up settings, suspending accounts, and every user's API keys.
 * Server administrators only (API keys need the `admin` scope).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { type Actor, actorOf, auditContext } from '../../auth/actor.ts';
import { presentApiKey } from '../../auth/api-keys.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { presentUser } from '../users/repository.ts';
import { readSettings, writeSettings } from './settings.ts';
import { setSuspended } from './suspend.ts';

function adminOf(req: FastifyRequest): Actor {
  const actor = actorOf(req);
  if (!actor.user.is_admin) throw new AppError('forbidden', 'Only server administrators may do this');
  return actor;
}

const UserParams = z.object({ id: z.uuid() });

export const adminRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get('/api/admin/settings', { config: { scope: 'admin' } }, async (req) => {
    adminOf(req);
    return { settings: await readSettings(db) };
  });

  app.patch(
    '/api/admin/settings',
    {
      schema: { body: z.object({ openSignup: z.boolean().optional() }).strict() },
      config: { scope: 'admin', audit: 'settings.update' },
    },
    async (req) => {
      adminOf(req);
      return inTransaction(db, async (trx) => {
        const before = await readSettings(trx);
        await writeSettings(trx, req.body);
        const after = await readSettings(trx);
        await recordAudit(trx, auditContext(req), {
          action: 'settings.update',
          target: { type: 'settings', id: 'server' },
          data: { before, after },
        });
        return { settings: after };
      });
    },
  );

  for (const [path, suspended] of [
    ['suspend', true],
    ['unsuspend', false],
  ] as const) {
    app.post(
      `/api/admin/users/:id/${path}`,
      {
        schema: { params: UserParams },
        config: { scope: 'admin', audit: suspended ? 'user.suspend' : 'user.unsuspend' },
      },
      async (req) => {
        const admin = adminOf(req);
        const user = await setSuspended(db, auditContext(req), admin.user.id, req.params.id, suspended);
        return { user: { ...presentUser(user), status: user.status } };
      },
    );
  }

  app.get(
    '/api/admin/api-keys',
    {
      schema: {
        querystring: z.object({
          userId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      config: { scope: 'admin' },
    },
    async (req) => {
      adminOf(req);
      let q = db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').limit(req.query.limit);
      if (req.query.userId) q = q.where('user_id', '=', req.query.userId);
      const rows = await q.execute();
      return { apiKeys: rows.map((r) => ({ ...presentApiKey(r), userId: r.user_id })) };
    },
  );
};
