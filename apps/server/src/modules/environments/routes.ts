/**
 * Environments (API.md "Collections and environments"): list, create, read (secret values masked;
 * `?reveal=true` opens them for editors and above, audited), replace, delete, element roles.
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
import { type EnvironmentRow, findEnvironment } from './repository.ts';
import { EnvironmentBody, EnvironmentIdParams, ListQuery, ReadQuery, WorkspaceQuery } from './schema.ts';
import { createEnvironment, deleteEnvironment, replaceEnvironment, revealSecrets } from './service.ts';
import { draftVariables, presentVariables, type VariableRow, variablesOf } from './variables.ts';

function presentEnvironment(
  row: EnvironmentRow,
  variables: readonly VariableRow[],
  revealed?: Map<string, string>,
) {
  return {
    id: row.id,
    name: row.name,
    workspaceId: row.workspace_id,
    values: presentVariables(variables, revealed),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const environmentRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/environments',
    { schema: { querystring: ListQuery }, config: { scope: 'environments:read' } },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.workspace) await requireListable(db, actor, 'environment', req.query.workspace);
      const rows = await listVisibleElements(db, 'environment', actor.user.id, {
        workspaceId: req.query.workspace,
        limit: req.query.limit,
        cursor: req.query.cursor,
      });
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({ sort: r.name, id: r.id }));
      return { environments: items.map(presentElementSummary), meta: { nextCursor } };
    },
  );

  app.post(
    '/api/environments',
    {
      schema: { querystring: WorkspaceQuery, body: EnvironmentBody },
      config: { scope: 'environments:write', audit: ['environment.create', 'apikey.auto_revoke'] },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const ws = await requireWorkspace(db, actor, req.query.workspace, 'workspace.elements.create');
      const drafts = draftVariables(req.body.environment.values);
      const { row, scan } = await createEnvironment(db, auditContext(req), deps.keyring, {
        place: { workspaceId: ws.row.id, teamId: ws.row.team_id },
        name: req.body.environment.name,
        drafts,
        userId: actor.user.id,
      });
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return reply.code(201).send({
        environment: { id: row.id, name: row.name, workspaceId: row.workspace_id },
        warnings: scan.warnings,
      });
    },
  );

  app.get(
    '/api/environments/:id',
    {
      schema: { params: EnvironmentIdParams, querystring: ReadQuery },
      config: { scope: 'environments:read', audit: 'environment.secret_reveal' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await findEnvironment(db, req.params.id);
      if (req.query.reveal === 'true') {
        const access = await requireElement(db, actor, 'environment', row, 'reveal');
        const { variables, revealed } = await revealSecrets(db, auditContext(req), deps.keyring, {
          access,
          row: row!,
        });
        // Values in clear: no cache anywhere may keep this answer.
        reply.header('cache-control', 'no-store');
        return { environment: presentEnvironment(row!, variables, revealed) };
      }
      await requireElement(db, actor, 'environment', row, 'read');
      return { environment: presentEnvironment(row!, await variablesOf(db, row!.id)) };
    },
  );

  app.put(
    '/api/environments/:id',
    {
      schema: { params: EnvironmentIdParams, body: EnvironmentBody },
      config: { scope: 'environments:write', audit: ['environment.update', 'apikey.auto_revoke'] },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await findEnvironment(db, req.params.id);
      const access = await requireElement(db, actor, 'environment', row, 'update');
      const drafts = draftVariables(req.body.environment.values);
      const { row: next, scan } = await replaceEnvironment(db, auditContext(req), deps.keyring, {
        access,
        row: row!,
        name: req.body.environment.name,
        drafts,
      });
      notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
      return {
        environment: presentEnvironment(next, await variablesOf(db, next.id)),
        warnings: scan.warnings,
      };
    },
  );

  app.delete(
    '/api/environments/:id',
    {
      schema: { params: EnvironmentIdParams },
      config: { scope: 'environments:write', audit: 'environment.delete' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await findEnvironment(db, req.params.id);
      const access = await requireElement(db, actor, 'environment', row, 'delete');
      await deleteEnvironment(db, auditContext(req), { access, row: row! });
      return reply.code(204).send();
    },
  );

  await app.register(elementRoleRoutes('environment'), deps);
};
