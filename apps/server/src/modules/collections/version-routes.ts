/** Collection history: list versions, read one, restore one (as a new version). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireElement } from '../../policies/require.ts';
import { notifyRevokedKeys } from '../secret-findings/notify.ts';
import { findCollectionHead, findVersion, listVersions } from './repository.ts';
import { CollectionIdParams, VersionParams, VersionsQuery } from './schema.ts';
import { restoreVersion } from './service.ts';

export const collectionVersionRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/collections/:id/versions',
    {
      schema: { params: CollectionIdParams, querystring: VersionsQuery },
      config: { scope: 'collections:read' },
    },
    async (req) => {
      const actor = actorOf(req);
      await requireElement(db, actor, 'collection', await findCollectionHead(db, req.params.id), 'read');
      const { items, nextCursor } = await listVersions(db, req.params.id, req.query);
      return {
        versions: items.map((v) => ({
          version: v.version,
          createdBy: v.created_by ? { id: v.created_by, email: v.created_by_email } : null,
          createdAt: v.created_at,
        })),
        meta: { nextCursor },
      };
    },
  );

  app.get(
    '/api/collections/:id/versions/:version',
    { schema: { params: VersionParams }, config: { scope: 'collections:read' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await requireElement(db, actor, 'collection', await findCollectionHead(db, req.params.id), 'read');
      const row = await findVersion(db, req.params.id, req.params.version);
      if (!row) throw new AppError('notFound', 'No such version');
      const meta = JSON.stringify({
        version: row.version,
        createdBy: row.created_by,
        createdAt: row.created_at,
      });
      return reply
        .type('application/json; charset=utf-8')
        .send(`{"version":${meta},"collection":${row.content}}`);
    },
  );

  app.post(
    '/api/collections/:id/versions/:version/restore',
    {
      schema: { params: VersionParams },
      config: { scope: 'collections:write', audit: ['collection.restore', 'apikey.auto_revoke'] },
    },
    async (req) => {
      const actor = actorOf(req);
      const head = await findCollectionHead(db, req.params.id);
      const access = await requireElement(db, actor, 'collection', head, 'update');
      const row = await findVersion(db, req.params.id, req.params.version);
      if (!row) throw new AppError('notFound', 'No such version');
      const { scan, ...saved } = await restoreVersion(db, auditContext(req), deps.keyring, {
        access,
        version: row.version,
        content: row.content,
        userId: actor.user.id,
      });
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return { collection: { id: access.id, ...saved }, warnings: scan.warnings };
    },
  );
};
