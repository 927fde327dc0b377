/** `GET /api/audit/logs` in the Postman audit-log shape, newest first, with filters and a cursor. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { writeCheckpoint } from '../../audit/checkpoints.ts';
import { AUDIT_EXPORT_FORMAT, type AuditExport } from '../../audit/verify.ts';
import { actorOf } from '../../auth/actor.ts';
import type { AuditLogsTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { auditVisibility } from '../../policies/audit-visibility.ts';

const Query = z.object({
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  action: z.string().max(80).optional(),
  userId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(300).default(100),
  cursor: z.string().max(40).optional(),
});

function decodeCursor(cursor: string): number {
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(seq) || seq < 1) throw new AppError('invalidParams', 'The cursor is not valid');
  return seq;
}

function presentTrail(row: Selectable<AuditLogsTable>) {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(row.data);
  } catch {}
  return {
    id: row.id,
    action: row.action,
    outcome: row.outcome,
    timestamp: row.created_at,
    ip: row.ip,
    userAgent: row.user_agent,
    message: row.message,
    data: {
      actor: row.actor_id ? { id: row.actor_id, email: row.actor_email, name: row.actor_name } : null,
      ...(row.target_type && row.target_id ? { target: { type: row.target_type, id: row.target_id } } : {}),
      ...(row.team_id ? { team: { id: row.team_id } } : {}),
      ...(row.workspace_id ? { workspace: { id: row.workspace_id } } : {}),
      details,
    },
  };
}

export const auditRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/api/audit/logs',
    { schema: { querystring: Query }, config: { scope: 'audit:read' } },
    async (req) => {
      const visibility = await auditVisibility(db, actorOf(req));
      if (!visibility.all && visibility.teamIds.length === 0) {
        throw new AppError('forbidden', 'Only server and team administrators can read the audit trail');
      }
      const q = req.query;
      let query = db
        .selectFrom('audit_logs')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(q.limit + 1);
      if (!visibility.all) query = query.where('team_id', 'in', visibility.teamIds);
      if (q.teamId) query = query.where('team_id', '=', q.teamId);
      if (q.since) query = query.where('created_at', '>=', new Date(q.since).toISOString());
      if (q.until) query = query.where('created_at', '<', new Date(q.until).toISOString());
      if (q.action) query = query.where('action', '=', q.action);
      if (q.userId) query = query.where('actor_id', '=', q.userId);
      if (q.cursor) query = query.where('seq', '<', decodeCursor(q.cursor));
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null;
      return { trails: page.map(presentTrail), nextCursor, meta: { nextCursor } };
    },
  );

  // The whole trail with its signed checkpoints, for `postern audit verify` (server admins).
  app.get('/api/audit/export', { config: { scope: 'admin' } }, async (req): Promise<AuditExport> => {
    if (!actorOf(req).user.is_admin) {
      throw new AppError('forbidden', 'Only server administrators can export the audit trail');
    }
    await writeCheckpoint(db, deps.auditSigner);
    const rows = await db.selectFrom('audit_logs').selectAll().orderBy('seq').execute();
    const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('size').execute();
    return {
      format: AUDIT_EXPORT_FORMAT,
      exportedAt: new Date().toISOString(),
      publicKey: deps.auditSigner.publicKeyPem,
      rows: rows.map((r) => ({ ...r, seq: Number(r.seq) })),
      checkpoints: checkpoints.map((c) => ({ ...c, size: Number(c.size) })),
    };
  });
};
