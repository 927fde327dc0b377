/**
 * Collections (API.md "Collections and environments"): list, import (v2.1/v2.0/v1 → stored as
 * v2.1), read (the v2.1 JSON as stored, sent without re-parsing), replace, delete; versions and
 * element roles are in their own files.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { requireElement, requireListable, requireWorkspace } from '../../policies/require.ts';
import { notifyRevokedKeys } from '../secret-findings/notify.ts';
import { elementRoleRoutes } from '../workspaces/element-role-routes.ts';
import { toPage } from '../workspaces/pagination.ts';
import { presentElementSummary } from '../workspaces/present.ts';
import { listVisibleElements } from '../workspaces/repository.ts';
import { findCollection, findCollectionHead } from './repository.ts';
import { CollectionBody, CollectionIdParams, ListQuery, WorkspaceQuery } from './schema.ts';
import { createCollection, deleteCollection, replaceCollection } from './service.ts';
import { collectionVersionRoutes } from './version-routes.ts';

export const collectionRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/collections',
    { schema: { querystring: ListQuery }, config: { scope: 'collections:read' } },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.workspace) await requireListable(db, actor, 'collection', req.query.workspace);
      const rows = await listVisibleElements(db, 'collection', actor.user.id, {
        workspaceId: req.query.workspace,
        limit: req.query.limit,
        cursor: req.query.cursor,
      });
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({ sort: r.name, id: r.id }));
      return { collections: items.map(presentElementSummary), meta: { nextCursor } };
    },
  );

  app.post(
    '/api/collections',
    {
      schema: { querystring: WorkspaceQuery, body: CollectionBody },
      config: { scope: 'collections:write', audit: ['collection.create', 'apikey.auto_revoke'] },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.query.workspace, 'workspace.elements.create');
      const { head, scan } = await createCollection(db, auditContext(req), deps.keyring, {
        place: { workspaceId: ws.row.id, teamId: ws.row.team_id },
        document: req.body.collection,
        userId: actor.user.id,
      });
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return reply.code(201).send({
        collection: { id: head.id, name: head.name, version: head.version, workspaceId: head.workspace_id },
        warnings: scan.warnings,
      });
    },
  );

  app.get(
    '/api/collections/:id',
    { schema: { params: CollectionIdParams }, config: { scope: 'collections:read' } },
    async (req, reply) => {
      const actor = actorOf(req);
      // The row with its content in one query; the content is sent only once authorized.
      const row = await findCollection(db, req.params.id);
      await requireElement(db, actor, 'collection', row, 'read');
      // The stored text is already the v2.1 JSON: wrap it instead of parsing and re-serialising.
      return reply.type('application/json; charset=utf-8').send(`{"collection":${row!.content}}`);
    },
  );

  app.put(
    '/api/collections/:id',
    {
      schema: { params: CollectionIdParams, body: CollectionBody },
      config: { scope: 'collections:write', audit: ['collection.update', 'apikey.auto_revoke'] },
    },
    async (req) => {
      const actor = actorOf(req);
      const head = await findCollectionHead(db, req.params.id);
      const access = await requireElement(db, actor, 'collection', head, 'update');
      const { scan, ...saved } = await replaceCollection(db, auditContext(req), deps.keyring, {
        access,
        document: req.body.collection,
        userId: actor.user.id,
      });
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return { collection: { id: access.id, ...saved }, warnings: scan.warnings };
    },
  );

  app.delete(
    '/api/collections/:id',
    {
      schema: { params: CollectionIdParams },
      config: { scope: 'collections:write', audit: 'collection.delete' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const head = await findCollectionHead(db, req.params.id);
      const access = await requireElement(db, actor, 'collection', head, 'delete');
      await deleteCollection(db, auditContext(req), { access, name: head!.name });
      return reply.code(204).send();
    },
  );

  await app.register(collectionVersionRoutes, deps);
  await app.register(elementRoleRoutes('collection'), deps);
};
