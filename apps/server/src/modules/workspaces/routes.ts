/** Workspaces (API.md "Teams and workspaces"): list, create, read (with its elements), update, delete. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { requireWorkspace } from '../../policies/require.ts';
import { withPushProtection } from '../push-protection/guard.ts';
import { toPage } from './pagination.ts';
import { presentElementSummary, presentWorkspace, presentWorkspaceSummary } from './present.ts';
import { elementsOf, listVisibleWorkspaces } from './repository.ts';
import { workspaceRoleRoutes } from './role-routes.ts';
import { CreateWorkspaceBody, IdParams, ListWorkspacesQuery, UpdateWorkspaceBody } from './schema.ts';
import { createWorkspace, deleteWorkspace, updateWorkspace } from './service.ts';

export const workspaceRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/workspaces',
    { schema: { querystring: ListWorkspacesQuery }, config: { scope: 'workspaces:read' } },
    async (req) => {
      const rows = await listVisibleWorkspaces(db, actorOf(req).user.id, req.query);
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({
        sort: r.row.name,
        id: r.row.id,
      }));
      return { workspaces: items.map((w) => presentWorkspaceSummary(w.row, w.role)), meta: { nextCursor } };
    },
  );

  app.post(
    '/api/workspaces',
    {
      schema: { body: CreateWorkspaceBody },
      config: { scope: 'workspaces:write', audit: 'workspace.create' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await createWorkspace(db, auditContext(req), actor, req.body.workspace);
      return reply.code(201).send({ workspace: presentWorkspace(row, 'admin') });
    },
  );

  app.get(
    '/api/workspaces/:id',
    { schema: { params: IdParams }, config: { scope: 'workspaces:read' } },
    async (req) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.params.id, 'workspace.read');
      const [collections, environments] = await Promise.all([
        elementsOf(db, 'collection', ws.row.id),
        elementsOf(db, 'environment', ws.row.id),
      ]);
      return {
        workspace: {
          ...presentWorkspace(ws.row, ws.resource.role),
          collections: collections.map(presentElementSummary),
          environments: environments.map(presentElementSummary),
        },
      };
    },
  );

  app.put(
    '/api/workspaces/:id',
    {
      schema: { params: IdParams, body: UpdateWorkspaceBody },
      config: {
        scope: 'workspaces:write',
        audit: [
          'workspace.update',
          'workspace.visibility_change',
          'push_protection.block',
          'push_protection.bypass',
        ],
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.params.id, 'workspace.update');
      // A new type may expose the content: push protection's check runs inside (visibility.ts).
      const row = await withPushProtection(deps, req, req.body.bypass, () =>
        updateWorkspace(db, auditContext(req), actor, ws, req.body.workspace),
      );
      return { workspace: presentWorkspace(row, ws.resource.role) };
    },
  );

  app.delete(
    '/api/workspaces/:id',
    { schema: { params: IdParams }, config: { scope: 'workspaces:write', audit: 'workspace.delete' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.params.id, 'workspace.delete');
      await deleteWorkspace(db, auditContext(req), deps.keyring, ws.row);
      return reply.code(204).send();
    },
  );

  await app.register(workspaceRoleRoutes, deps);
};
