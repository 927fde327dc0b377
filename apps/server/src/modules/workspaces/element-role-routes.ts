/**
 * Element roles on one collection or environment: GET and PATCH /api/{collections|environments}/:id/roles
 * with `{roles: [{userId, role: "editor"|"viewer"|null}]}` (null removes). Reading needs a role on
 * the element; changing needs workspace admin (policy-table.ts ELEMENT_PERMISSIONS).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { inTransaction } from '../../db/transaction.ts';
import { requireElement } from '../../policies/require.ts';
import { ELEMENT_ROLES, type ElementType } from '../../policies/roles.ts';
import { assertGrantable, writeElementRoles } from './grants.ts';
import { presentRole } from './present.ts';
import { findElement } from './repository.ts';
import { IdParams } from './schema.ts';

const ElementRolesBody = z.object({
  roles: z
    .array(z.object({ userId: z.uuid(), role: z.enum(ELEMENT_ROLES).nullable() }))
    .min(1)
    .max(500),
});

async function elementRoles(db: AppDeps['database']['db'], type: ElementType, elementId: string) {
  const rows = await db
    .selectFrom('element_roles as er')
    .innerJoin('users as u', 'u.id', 'er.user_id')
    .select(['er.user_id', 'u.email', 'u.name', 'er.role'])
    .where('er.element_type', '=', type)
    .where('er.element_id', '=', elementId)
    .orderBy('u.email')
    .execute();
  return rows.map(presentRole);
}

/** The two role routes of one element type. */
export function elementRoleRoutes(type: ElementType): FastifyPluginAsync<AppDeps> {
  const path = `/api/${type}s/:id/roles`;
  const scopes =
    type === 'collection'
      ? (['collections:read', 'collections:write'] as const)
      : (['environments:read', 'environments:write'] as const);
  const audit = type === 'collection' ? 'collection.roles_update' : 'environment.roles_update';

  return async (base, deps) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const db = deps.database.db;

    app.get(path, { schema: { params: IdParams }, config: { scope: scopes[0] } }, async (req) => {
      await requireElement(db, actorOf(req), type, await findElement(db, type, req.params.id), 'roles.read');
      return { roles: await elementRoles(db, type, req.params.id) };
    });

    app.patch(
      path,
      { schema: { params: IdParams, body: ElementRolesBody }, config: { scope: scopes[1], audit } },
      async (req) => {
        const row = await findElement(db, type, req.params.id);
        await requireElement(db, actorOf(req), type, row, 'roles.manage');
        const ws = await db
          .selectFrom('workspaces')
          .selectAll()
          .where('id', '=', row!.workspace_id)
          .executeTakeFirstOrThrow();
        await assertGrantable(db, ws, req.body.roles);
        await inTransaction(db, async (trx) => {
          const changes = await writeElementRoles(trx, type, row!.id, req.body.roles);
          if (changes.length === 0) return;
          await recordAudit(trx, auditContext(req), {
            action: audit,
            teamId: ws.team_id,
            workspaceId: ws.id,
            target: { type, id: req.params.id },
            data: { name: row!.name, changes },
          });
        });
        return { roles: await elementRoles(db, type, req.params.id) };
      },
    );
  };
}
