/**
 * Writes an audit row inside the caller's transaction, so the change and its record commit
 * together or not at all. Rows are chained by hash (chain.ts) and numbered without gaps; on
 * PostgreSQL an advisory lock serialises writers, SQLite transactions are serial already.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { isPostgres } from '../db/dialect.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { AuditLogsTable, Database } from '../db/schema.ts';
import type { AuditAction, AuditOutcome } from './actions.ts';
import { GENESIS_HASH, rowHash } from './chain.ts';

export interface AuditActor {
  id: string;
  email: string;
  name: string;
}

/** Who did it and from where; routes get it from `auditContext(req)`. */
export interface AuditContext {
  actor?: AuditActor | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  message?: string;
  teamId?: string | null;
  workspaceId?: string | null;
  target?: { type: string; id: string } | null;
  /** Details for the trail: names, roles, counts. Never secret values. */
  data?: Record<string, unknown>;
}

/** An arbitrary number that names the audit chain's advisory lock on PostgreSQL. */
const AUDIT_LOCK_KEY = 730_001;

// Every change runs these, so they are compiled once (db/prepared-query.ts).
const lockChain = preparedQuery((db) => ({
  compile: () => sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.compile(db),
}));

const chainHead = preparedQuery((db) =>
  db.selectFrom('audit_logs').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
);

/** Every column once (the type requires each, so a new column cannot be left out). */
const COLUMN_SET: Record<keyof AuditLogsTable, true> = {
  seq: true,
  id: true,
  action: true,
  outcome: true,
  actor_id: true,
  actor_email: true,
  actor_name: true,
  team_id: true,
  workspace_id: true,
  target_type: true,
  target_id: true,
  ip: true,
  user_agent: true,
  message: true,
  data: true,
  created_at: true,
  prev_hash: true,
  hash: true,
};
const COLUMNS = Object.keys(COLUMN_SET) as (keyof AuditLogsTable)[];

// The parameters object has no keys of its own to spread: each column is read by name.
const insertRow = preparedQuery((db, p: AuditLogsTable) =>
  db
    .insertInto('audit_logs')
    .values(Object.fromEntries(COLUMNS.map((c) => [c, p[c]])) as unknown as AuditLogsTable),
);

export async function recordAudit(
  trx: Transaction<Database>,
  ctx: AuditContext,
  event: AuditEvent,
): Promise<void> {
  if (isPostgres(trx)) await lockChain.all(trx, {});
  const head = await chainHead.first(trx, {});
  const row = {
    seq: (head ? Number(head.seq) : 0) + 1,
    id: randomUUID(),
    action: event.action,
    outcome: event.outcome ?? 'success',
    actor_id: ctx.actor?.id ?? null,
    actor_email: ctx.actor?.email ?? null,
    actor_name: ctx.actor?.name ?? null,
    team_id: event.teamId ?? null,
    workspace_id: event.workspaceId ?? null,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    ip: ctx.ip ?? null,
    user_agent: ctx.userAgent?.slice(0, 500) ?? null,
    message: event.message ?? defaultMessage(ctx, event),
    data: JSON.stringify(event.data ?? {}),
    created_at: new Date().toISOString(),
    prev_hash: head?.hash ?? GENESIS_HASH,
  };
  await insertRow.all(trx, { ...row, hash: rowHash(row) });
}

function defaultMessage(ctx: AuditContext, event: AuditEvent): string {
  const who = ctx.actor?.email ?? 'anonymous';
  const what = event.target ? ` ${event.target.type} ${event.target.id}` : '';
  return `${who}: ${event.action}${what}${event.outcome && event.outcome !== 'success' ? ` (${event.outcome})` : ''}`;
}
