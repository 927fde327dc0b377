/**
 * Secret findings: GET /api/secret-findings (the findings on elements the caller may read,
 * filtered in SQL) and PATCH /api/secret-findings/:id `{status, reason?}` (editors and above).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app.ts';
import { type Actor, actorOf, auditContext } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireListable } from '../../policies/require.ts';
import { toPage } from '../workspaces/pagination.ts';
import { presentFinding } from './present.ts';
import { listVisibleFindings } from './repository.ts';
import { FindingIdParams, ListFindingsQuery, UpdateFindingBody } from './schema.ts';
import { updateFinding } from './service.ts';

/** A workspace filter must name a workspace the actor sees (or holds an element role in): else 404. */
async function requireFindingsListable(
  db: Kysely<Database>,
  actor: Actor,
  workspaceId: string,
): Promise<void> {
  try {
    await requireListable(db, actor, 'collection', workspaceId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await requireListable(db, actor, 'environment', workspaceId);
  }
}

export const secretFindingRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/secret-findings',
    { schema: { querystring: ListFindingsQuery }, config: { scope: 'findings:read' } },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.workspace) await requireFindingsListable(db, actor, req.query.workspace);
      const rows = await listVisibleFindings(db, actor.user.id, {
        workspaceId: req.query.workspace,
        status: req.query.status,
        limit: req.query.limit,
        cursor: req.query.cursor,
      });
      const { items, nextCursor } = toPage(rows, req.query.limit, (r) => ({ sort: r.created_at, id: r.id }));
      return { findings: items.map(presentFinding), meta: { nextCursor } };
    },
  );

  app.patch(
    '/api/secret-findings/:id',
    {
      schema: { params: FindingIdParams, body: UpdateFindingBody },
      config: { scope: 'findings:write', audit: 'secret_finding.update' },
    },
    async (req) => {
      const finding = await updateFinding(db, auditContext(req), actorOf(req), req.params.id, req.body);
      return { finding: presentFinding(finding) };
    },
  );
};
