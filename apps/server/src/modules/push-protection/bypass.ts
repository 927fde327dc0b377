/**
 * A bypass of push protection: the blocking findings take the reason as their status (recorded
 * now when they were not yet), the bypass is audited with their redacted forms and paths, and the
 * admins of the workspace's team are told once the change commits.
 */
import type { Transaction } from 'kysely';
import { recordAudit } from '../../audit/record.ts';
import type { Database } from '../../db/schema.ts';
import { pushProtectionBypassMail } from '../../mail/templates.ts';
import { newFindingRow } from '../secret-findings/record.ts';
import { type FindingRow, insertFindings } from '../secret-findings/repository.ts';
import { findingKey, pathOf } from '../secret-findings/scan.ts';
import { describeChange, type ExposureChange, exposureAudit } from './change.ts';
import type { Exposure } from './exposure.ts';
import type { ExposureGuard } from './guard.ts';
import { workspaceAdmins } from './recipients.ts';
import type { Bypass } from './schema.ts';

/**
 * Applies `guard.bypass` to the `blocking` exposures of `change` inside `trx`.
 *
 * @example await applyBypass(trx, { ...guard, bypass }, change, blocking);
 */
export async function applyBypass(
  trx: Transaction<Database>,
  guard: ExposureGuard & { bypass: Bypass },
  change: ExposureChange,
  blocking: readonly Exposure[],
): Promise<void> {
  const { reason, comment } = guard.bypass;
  const now = new Date().toISOString();
  const recordedIds = [...new Set(blocking.flatMap((e) => (e.recorded ? [e.recorded.id] : [])))];
  for (let i = 0; i < recordedIds.length; i += 500) {
    await trx
      .updateTable('secret_findings')
      .set({
        status: reason,
        reason: comment ?? null,
        resolved_by: guard.actor.id,
        resolved_at: now,
        updated_at: now,
      })
      .where('id', 'in', recordedIds.slice(i, i + 500))
      .execute();
  }
  const fresh = new Map<string, FindingRow>();
  for (const e of blocking) {
    if (e.recorded) continue;
    const element = { ...e.element, workspaceId: change.workspace.id, teamId: change.workspace.teamId };
    const initial = { status: reason, reason: comment ?? null, resolvedBy: guard.actor.id };
    const key = `${e.element.type}:${e.element.id}:${findingKey(e.finding.fingerprint, pathOf(e.finding))}`;
    fresh.set(key, newFindingRow(guard.keyring, element, e.finding, initial));
  }
  await insertFindings(trx, [...fresh.values()]);
  await recordAudit(
    trx,
    guard.ctx,
    exposureAudit('push_protection.bypass', change, blocking, { reason, ...(comment ? { comment } : {}) }),
  );
  const findings = blocking.map((e) => ({
    elementType: e.element.type,
    elementName: e.element.name,
    jsonPath: pathOf(e.finding),
    ruleId: e.finding.ruleId,
    redacted: e.finding.redacted,
  }));
  for (const admin of await workspaceAdmins(trx, change.workspace)) {
    guard.mail.push(
      pushProtectionBypassMail(admin, {
        by: guard.actor.email,
        change: describeChange(change),
        reason,
        comment,
        findings,
      }),
    );
  }
}
