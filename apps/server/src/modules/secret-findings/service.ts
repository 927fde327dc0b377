/** Changing a finding's status (PATCH /api/secret-findings/:id), with its audit row. */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { requireElement } from '../../policies/require.ts';
import { findElement } from '../workspaces/repository.ts';
import { findFinding, type ListedFinding } from './repository.ts';
import { asElementType, type FindingStatus } from './statuses.ts';

/**
 * Sets the status of finding `id`: editors of its element and above may; a finding on an element
 * the actor cannot read (or no such finding) is `notFound`.
 *
 * @example await updateFinding(db, auditContext(req), actor, id, { status: 'false_positive', reason: 'test fixture' });
 */
export async function updateFinding(
  db: Kysely<Database>,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: { status: FindingStatus; reason?: string | undefined },
): Promise<ListedFinding> {
  const row = await findFinding(db, id);
  const type = asElementType(row?.element_type);
  const element = row && type ? await findElement(db, type, row.element_id) : undefined;
  const access = await requireElement(db, actor, type ?? 'collection', element, 'update');
  const now = new Date().toISOString();
  const resolved = input.status !== 'open';
  const next: ListedFinding = {
    ...row!,
    status: input.status,
    reason: input.reason ?? null,
    updated_at: now,
    resolved_by: resolved ? actor.user.id : null,
    resolved_at: resolved ? now : null,
    element_name: element!.name,
  };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('secret_findings')
      .set({
        status: next.status,
        reason: next.reason,
        updated_at: now,
        resolved_by: next.resolved_by,
        resolved_at: next.resolved_at,
      })
      .where('id', '=', next.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'secret_finding.update',
      teamId: access.workspace.teamId,
      workspaceId: access.workspace.id,
      target: { type: 'secret_finding', id: next.id },
      data: {
        from: row!.status,
        to: next.status,
        ...(next.reason ? { reason: next.reason } : {}),
        ruleId: next.rule_id,
        elementType: next.element_type,
        elementId: next.element_id,
        jsonPath: next.json_path,
        redacted: next.redacted,
      },
    });
  });
  return next;
}
