/**
 * The API shapes of findings: the `warnings` a save answers with and the items of
 * GET /api/secret-findings. Neither carries the secret, its fingerprints or its HMAC: only the rule,
 * where it is, and the redacted form (at most four characters).
 */
import { type Finding, ruleById } from '@postern/secrets';
import type { ElementType } from '../../policies/roles.ts';
import type { ListedFinding } from './repository.ts';
import { pathOf } from './scan.ts';
import { asFindingStatus, type FindingStatus } from './statuses.ts';

/** One secret found in what was just saved. */
export interface SaveWarning {
  ruleId: string;
  jsonPath: string;
  line: number;
  column: number;
  redacted: string;
  status: FindingStatus;
  message: string;
}

/** What to do about a finding, in words, for the element it was found in. */
function advice(type: ElementType, ruleId: string, status: FindingStatus): string {
  const what = ruleById(ruleId)?.description ?? ruleId;
  if (status === 'revoked') return `A ${what}: it was revoked; remove it from this ${type}`;
  if (type === 'environment') {
    return `Looks like a ${what}: make this variable's type "secret" so its value is sealed at rest and masked`;
  }
  return `Looks like a ${what}: move the value into a secret variable of an environment and use {{variable}} here`;
}

/** @example presentWarning('collection', finding, 'open'); // { ruleId, jsonPath, line, column, redacted, status, message } */
export function presentWarning(type: ElementType, finding: Finding, status: FindingStatus): SaveWarning {
  return {
    ruleId: finding.ruleId,
    jsonPath: pathOf(finding),
    line: finding.line,
    column: finding.column,
    redacted: finding.redacted,
    status,
    message: advice(type, finding.ruleId, status),
  };
}

/** An item of GET /api/secret-findings. */
export function presentFinding(row: ListedFinding) {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    elementType: row.element_type,
    elementId: row.element_id,
    elementName: row.element_name,
    ruleId: row.rule_id,
    jsonPath: row.json_path,
    line: Number(row.line),
    column: Number(row.column),
    redacted: row.redacted,
    status: asFindingStatus(row.status),
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
  };
}
