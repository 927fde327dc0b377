/** Workspace roles: GET and PATCH /api/workspaces/:id/roles (`{roles: [{userId, role}]}`, role null removes). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { requireWorkspace } from '../../policies/require.ts';
import { presentRole } from './present.ts';
import { workspaceRoles } from './repository.ts';
import { IdParams, WorkspaceRolesBody } from './schema.ts';
import { setWorkspaceRoles } from './service.ts';

export const workspaceRoleRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/workspaces/:id/roles',
    { schema: { params: IdParams }, config: { scope: 'workspaces:read' } },
    async (req) => {
      const actor = actorOf(req);
      await requireWorkspace(db, actor, req.params.id, 'workspace.roles.read');
      return { roles: (await workspaceRoles(db, req.params.id)).map(presentRole) };
    },
  );

  app.patch(
    '/api/workspaces/:id/roles',
    {
      schema: { params: IdParams, body: WorkspaceRolesBody },
      config: { scope: 'workspaces:write', audit: 'workspace.roles_update' },
    },
    async (req) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.params.id, 'workspace.roles.manage');
      await setWorkspaceRoles(db, auditContext(req), ws.row, req.body.roles);
      return { roles: (await workspaceRoles(db, req.params.id)).map(presentRole) };
    },
  );
};
