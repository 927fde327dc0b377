/**
 * Offline verification of an audit export (`postern audit verify`): the hash chain, every
 * checkpoint's signature, and that each checkpoint still matches the rows it covers.
 */
import type { AuditCheckpointsTable, AuditLogsTable } from '../db/schema.ts';
import { verifyChain } from './chain.ts';
import { checkpointMessage, verifySignature } from './signing-key.ts';

export const AUDIT_EXPORT_FORMAT = 'postern-audit-export/1';

export interface AuditExport {
  format: typeof AUDIT_EXPORT_FORMAT;
  exportedAt: string;
  publicKey: string;
  rows: AuditLogsTable[];
  checkpoints: AuditCheckpointsTable[];
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  checkpoints: number;
  problems: string[];
}

/**
 * @param pinnedPublicKey the operator's copy of the signing public key; without it the export's
 *   own key is used, which proves integrity against accidents but not against whoever re-signs.
 * @example verifyAuditExport(JSON.parse(text)).ok
 */
export function verifyAuditExport(data: AuditExport, pinnedPublicKey?: string): AuditVerification {
  const problems: string[] = [];
  const rows = [...data.rows].sort((a, b) => a.seq - b.seq);
  const chainProblem = verifyChain(rows);
  if (chainProblem) problems.push(chainProblem);
  const key = pinnedPublicKey ?? data.publicKey;
  if (pinnedPublicKey && pinnedPublicKey.trim() !== data.publicKey.trim()) {
    problems.push('the export is signed with another key than the pinned public key');
  }
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  for (const cp of data.checkpoints) {
    if (!verifySignature(key, checkpointMessage(cp.size, cp.head_hash), cp.signature)) {
      problems.push(`checkpoint at ${cp.size}: signature does not verify`);
      continue;
    }
    const row = bySeq.get(cp.size);
    if (!row) problems.push(`checkpoint at ${cp.size}: the rows it covers are missing (trail truncated)`);
    else if (row.hash !== cp.head_hash)
      problems.push(`checkpoint at ${cp.size}: head hash differs (rows rewritten)`);
  }
  return { ok: problems.length === 0, rows: rows.length, checkpoints: data.checkpoints.length, problems };
}
