/**
 * The changes push protection guards: a workspace becoming public or partner, and a collection
 * shared outside its team. How each is named in audit rows, errors and mails.
 */
import type { AuditEvent } from '../../audit/record.ts';
import type { WorkspaceType } from '../../policies/roles.ts';
import { pathOf } from '../secret-findings/scan.ts';
import type { Exposure } from './exposure.ts';

/** The workspace whose content would be exposed. */
export interface ExposedWorkspace {
  id: string;
  name: string;
  teamId: string | null;
  ownerId: string;
}

export type ExposureChange =
  | { kind: 'visibility'; workspace: ExposedWorkspace; from: WorkspaceType; to: WorkspaceType }
  | {
      kind: 'share';
      workspace: ExposedWorkspace;
      collection: { id: string; name: string };
      target: { id: string; name: string; type: WorkspaceType; teamId: string | null };
    };

/** The change in words, after "to": `make workspace "Payments" public`. */
export function describeChange(change: ExposureChange): string {
  return change.kind === 'visibility'
    ? `make workspace "${change.workspace.name}" ${change.to}`
    : `share collection "${change.collection.name}" into the ${change.target.type} workspace "${change.target.name}"`;
}

/** How many findings an audit row lists (with the total). */
const AUDIT_FINDINGS = 100;

/**
 * The audit event of a blocked or bypassed change: the change, and the findings by redacted form
 * and path (never the secret).
 *
 * @example recordAudit(trx, ctx, exposureAudit('push_protection.bypass', change, blocking, { reason }));
 */
export function exposureAudit(
  action: 'push_protection.block' | 'push_protection.bypass',
  change: ExposureChange,
  exposures: readonly Exposure[],
  extra: Record<string, unknown> = {},
): AuditEvent {
  const what =
    change.kind === 'visibility'
      ? { kind: 'visibility', from: change.from, to: change.to }
      : { kind: 'share', targetWorkspaceId: change.target.id, targetType: change.target.type };
  return {
    action,
    ...(action === 'push_protection.block' ? { outcome: 'denied' as const } : {}),
    teamId: change.workspace.teamId,
    workspaceId: change.workspace.id,
    target:
      change.kind === 'visibility'
        ? { type: 'workspace', id: change.workspace.id }
        : { type: 'collection', id: change.collection.id },
    data: {
      change: what,
      ...extra,
      total: exposures.length,
      findings: exposures.slice(0, AUDIT_FINDINGS).map((e) => ({
        elementType: e.element.type,
        elementId: e.element.id,
        ruleId: e.finding.ruleId,
        jsonPath: pathOf(e.finding),
        redacted: e.finding.redacted,
      })),
    },
  };
}
