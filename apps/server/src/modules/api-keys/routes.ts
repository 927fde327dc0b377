/** The signed-in user's API keys (API.md): list, create (the key is shown once), revoke. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { createApiKey, presentApiKey, revokeApiKey } from '../../auth/api-keys.ts';
import { API_KEY_SCOPES } from '../../auth/scopes.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { deliver } from '../../mail/deliver.ts';
import { securityNoticeMail } from '../../mail/templates.ts';
import { maxApiKeyDaysForUser } from '../teams/lookups.ts';

const CreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(API_KEY_SCOPES)).max(API_KEY_SCOPES.length).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
const IdParams = z.object({ id: z.uuid() });

export const apiKeyRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get('/api/me/api-keys', async (req) => {
    const rows = await db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', actorOf(req).user.id)
      .orderBy('created_at', 'desc')
      .execute();
    return { apiKeys: rows.map(presentApiKey) };
  });

  app.post(
    '/api/me/api-keys',
    { schema: { body: CreateBody }, config: { audit: 'apikey.create' } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.body.scopes?.includes('admin') && !actor.user.is_admin) {
        throw new AppError('forbidden', 'Only server administrators can create keys with the admin scope');
      }
      // A key cannot grant more than the key that creates it.
      const wider = req.body.scopes?.find((s) => actor.scopes && !actor.scopes.has(s));
      if (wider) throw new AppError('forbidden', `This API key lacks the "${wider}" scope it tries to grant`);
      // A team policy caps the lifetime of its members' keys (the strictest team wins).
      const maxDays = await maxApiKeyDaysForUser(db, actor.user.id);
      if (maxDays !== null && req.body.expiresInDays !== undefined && req.body.expiresInDays > maxDays) {
        throw new AppError('invalidParams', `A team policy limits API keys to ${maxDays} days`, { maxDays });
      }
      const days = req.body.expiresInDays ?? maxDays;
      const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
      const created = await inTransaction(db, async (trx) => {
        const made = await createApiKey(trx, {
          userId: actor.user.id,
          name: req.body.name,
          scopes: req.body.scopes ?? (actor.scopes ? [...actor.scopes] : undefined),
          expiresAt,
        });
        await recordAudit(trx, auditContext(req), {
          action: 'apikey.create',
          target: { type: 'apikey', id: made.row.id },
          data: { name: made.row.name, scopes: JSON.parse(made.row.scopes), expiresAt: made.row.expires_at },
        });
        return made;
      });
      const shown = presentApiKey(created.row);
      // The owner hears of every new key (its name and scopes, never the key).
      const notice = {
        kind: 'api_key_created',
        keyName: shown.name,
        scopes: shown.scopes,
        expiresAt: shown.expiresAt,
      } as const;
      deliver(deps.mailer, req.log, securityNoticeMail(actor.user, notice, auditContext(req)));
      return reply.code(201).send({ apiKey: { ...shown, key: created.key } });
    },
  );

  app.delete(
    '/api/me/api-keys/:id',
    { schema: { params: IdParams }, config: { audit: 'apikey.revoke' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom('api_keys')
          .select(['id', 'revoked_at'])
          .where('id', '=', req.params.id)
          .where('user_id', '=', actor.user.id)
          .executeTakeFirst();
        if (!row) throw new AppError('notFound', 'No such API key');
        await revokeApiKey(trx, auditContext(req), row);
      });
      return reply.code(204).send();
    },
  );
};
