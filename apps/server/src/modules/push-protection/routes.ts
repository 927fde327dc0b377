/**
 * Push protection's routes: `POST /api/collections/:id/share {workspaceId, bypass?}`. Registering
 * them also plugs the visibility check into workspaces/visibility.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { notifyRevokedKeys } from '../secret-findings/notify.ts';
import { withPushProtection } from './guard.ts';
import { ShareBody, ShareParams } from './schema.ts';
import { shareCollection } from './share.ts';
import { registerPushProtection } from './visibility-check.ts';

export const pushProtectionRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  registerPushProtection();

  app.post(
    '/api/collections/:id/share',
    {
      schema: { params: ShareParams, body: ShareBody },
      config: {
        scope: 'collections:write',
        audit: [
          'collection.share',
          'collection.create',
          'push_protection.block',
          'push_protection.bypass',
          'apikey.auto_revoke',
        ],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { head, scan } = await withPushProtection(deps, req, req.body.bypass, () =>
        shareCollection(db, auditContext(req), deps.keyring, actor, {
          collectionId: req.params.id,
          workspaceId: req.body.workspaceId,
        }),
      );
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return reply.code(201).send({
        collection: { id: head.id, name: head.name, version: head.version, workspaceId: head.workspace_id },
        warnings: scan.warnings,
      });
    },
  );
};
