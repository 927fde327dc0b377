/**
 * The hash chain over audit rows: each row's hash is SHA-256 over a canonical JSON of its fields
 * and the previous row's hash, so any edit, deletion, insertion or reordering shows.
 */
import { createHash } from 'node:crypto';
import type { AuditLogsTable } from '../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a row: every column but `hash` itself (prev_hash included). */
export function rowHash(row: Omit<AuditLogsTable, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/**
 * Re-computes a chain in `seq` order and returns the first problem, or undefined when intact.
 *
 * @example verifyChain(rows) // undefined, or 'row 12: hash does not match its content'
 */
export function verifyChain(rows: readonly AuditLogsTable[]): string | undefined {
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    if (row.seq !== prevSeq + 1) return `row ${row.seq}: expected sequence number ${prevSeq + 1}`;
    if (row.prev_hash !== prev)
      return `row ${row.seq}: previous hash does not match (inserted, removed or reordered)`;
    const { hash, ...rest } = row;
    if (rowHash(rest) !== hash) return `row ${row.seq}: hash does not match its content (edited)`;
    prev = hash;
    prevSeq = row.seq;
  }
  return undefined;
}
