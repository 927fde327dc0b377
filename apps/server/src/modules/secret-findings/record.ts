/**
 * Records what the scanner found in a saved collection or environment, inside the saving
 * transaction: a new finding is `open` (or `revoked` when it is one of this server's API keys,
 * which auto-revoke.ts revokes); a finding already known by fingerprint and JSON path keeps its
 * status; open findings no longer in the content are deleted (resolved ones stay, with their
 * history). The keyring's HMAC of the secret is stored, never the secret.
 */
import { randomUUID } from 'node:crypto';
import type { Finding } from '@postern/secrets';
import type { Kysely, Transaction } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { type RevokedKey, revokeLeakedApiKeys } from './auto-revoke.ts';
import { presentWarning, type SaveWarning } from './present.ts';
import { deleteFindings, type FindingRow, findingsOfElement, insertFindings } from './repository.ts';
import { findingKey, pathOf } from './scan.ts';
import { asFindingStatus, type FindingStatus, type InitialStatus, type ScannedElement } from './statuses.ts';

/** What a save learnt: warnings for its answer, and revoked keys whose owners are told after the commit. */
export interface SaveScan {
  warnings: SaveWarning[];
  revoked: RevokedKey[];
}

export interface RecordOptions {
  /** The status of findings recorded for the first time (default: open). */
  initialStatus?: (finding: Finding) => InitialStatus | undefined;
}

const OPEN: InitialStatus = { status: 'open', reason: null, resolvedBy: null };

/**
 * A new row for `finding` in `element`.
 *
 * @example newFindingRow(keyring, element, finding, { status: 'open', reason: null, resolvedBy: null })
 */
export function newFindingRow(
  keyring: Keyring,
  element: ScannedElement,
  finding: Finding,
  initial: InitialStatus,
): FindingRow {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    workspace_id: element.workspaceId,
    element_type: element.type,
    element_id: element.id,
    rule_id: finding.ruleId,
    json_path: pathOf(finding),
    line: finding.line,
    column: finding.column,
    fingerprint: finding.fingerprint,
    hmac: keyring.fingerprint(element.workspaceId, finding.secret),
    redacted: finding.redacted,
    status: initial.status,
    reason: initial.reason,
    created_at: now,
    updated_at: now,
    resolved_by: initial.status === 'open' ? null : initial.resolvedBy,
    resolved_at: initial.status === 'open' ? null : now,
  };
}

/** Brings a known finding up to date (position; revoked when its key just was), writing only changes. */
async function refresh(
  trx: Kysely<Database>,
  row: FindingRow,
  finding: Finding,
  isOurKey: boolean,
): Promise<FindingStatus> {
  const status = asFindingStatus(row.status);
  const revokeNow = isOurKey && status === 'open';
  if (!revokeNow && Number(row.line) === finding.line && Number(row.column) === finding.column) return status;
  const now = new Date().toISOString();
  await trx
    .updateTable('secret_findings')
    .set({
      line: finding.line,
      column: finding.column,
      updated_at: now,
      ...(revokeNow ? { status: 'revoked', resolved_at: now, resolved_by: null } : {}),
    })
    .where('id', '=', row.id)
    .execute();
  return revokeNow ? 'revoked' : status;
}

/**
 * Records `found` (the scanner's findings in the element's saved content) inside `trx`.
 *
 * @example
 * const scan = await recordFindings(trx, keyring, { type: 'collection', id, name, workspaceId, teamId }, found);
 * reply.send({ collection, warnings: scan.warnings });
 */
export async function recordFindings(
  trx: Transaction<Database>,
  keyring: Keyring,
  element: ScannedElement,
  found: readonly Finding[],
  options: RecordOptions = {},
): Promise<SaveScan> {
  const keys = await revokeLeakedApiKeys(trx, element, found);
  const existing = await findingsOfElement(trx, element.type, element.id);
  const known = new Map(existing.map((row) => [findingKey(row.fingerprint, row.json_path), row]));
  const seen = new Set<string>();
  const inserts: FindingRow[] = [];
  const warnings: SaveWarning[] = [];
  for (const finding of found) {
    const key = findingKey(finding.fingerprint, pathOf(finding));
    if (seen.has(key)) continue;
    seen.add(key);
    const isOurKey = keys.ours.has(finding.fingerprint);
    const row = known.get(key);
    let status: FindingStatus;
    if (row) {
      status = await refresh(trx, row, finding, isOurKey);
    } else {
      const initial = isOurKey
        ? { status: 'revoked' as const, reason: null, resolvedBy: null }
        : (options.initialStatus?.(finding) ?? OPEN);
      inserts.push(newFindingRow(keyring, element, finding, initial));
      status = initial.status;
    }
    // Open findings, and this server's keys (revoked, yet still in the content), are worth a warning.
    if (status === 'open' || isOurKey) warnings.push(presentWarning(element.type, finding, status));
  }
  await insertFindings(trx, inserts);
  const vanished = existing.filter(
    (row) => row.status === 'open' && !seen.has(findingKey(row.fingerprint, row.json_path)),
  );
  await deleteFindings(
    trx,
    vanished.map((row) => row.id),
  );
  return { warnings, revoked: keys.revoked };
}
