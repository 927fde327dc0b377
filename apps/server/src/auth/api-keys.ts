/** API keys: created (shown once), looked up by hash, revoked, with last-used bookkeeping. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/record.ts';
import { hashToken } from '../crypto/tokens.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { ApiKeysTable, Database } from '../db/schema.ts';
import type { UserRow } from '../modules/users/repository.ts';
import { generateApiKey, isWellFormedApiKey } from './api-key-format.ts';
import { DEFAULT_KEY_SCOPES, type Scope } from './scopes.ts';

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** last_used_at/ip are written at most this often per key (unless the IP changes). */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface CreatedApiKey {
  key: string;
  row: ApiKeyRow;
}

export async function createApiKey(
  db: Kysely<Database>,
  input: { userId: string; name: string; scopes?: readonly Scope[]; expiresAt?: Date | null },
): Promise<CreatedApiKey> {
  const key = generateApiKey();
  const row: ApiKeyRow = {
    id: randomUUID(),
    key_hash: hashToken(key),
    user_id: input.userId,
    name: input.name,
    hint: key.slice(-4),
    scopes: JSON.stringify(input.scopes?.length ? [...new Set(input.scopes)] : DEFAULT_KEY_SCOPES),
    created_at: new Date().toISOString(),
    expires_at: input.expiresAt ? input.expiresAt.toISOString() : null,
    last_used_at: null,
    last_used_ip: null,
    revoked_at: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { key, row };
}

/** What authentication needs of a live key. */
export type LiveApiKey = Pick<ApiKeyRow, 'id' | 'user_id' | 'scopes'>;

/** A key and its owner in one query (every API request runs it). */
const keyWithOwner = preparedQuery((db, p: { hash: string }) =>
  db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .selectAll('u')
    .select([
      'k.id as key_id',
      'k.scopes as key_scopes',
      'k.expires_at as key_expires_at',
      'k.last_used_at as key_last_used_at',
      'k.last_used_ip as key_last_used_ip',
      'k.revoked_at as key_revoked_at',
    ])
    .where('k.key_hash', '=', p.hash),
);

/**
 * The live key for a presented key and its owner (whatever the owner's status: the caller
 * decides), or undefined (malformed, unknown, revoked, expired). Read from the database on every
 * call, so a revocation counts from the next request on.
 */
export async function findLiveApiKey(
  db: Kysely<Database>,
  key: string,
  ip: string | null,
): Promise<{ key: LiveApiKey; user: UserRow } | undefined> {
  if (!isWellFormedApiKey(key)) return undefined;
  const row = await keyWithOwner.first(db, { hash: hashToken(key) });
  if (!row || row.key_revoked_at) return undefined;
  const now = Date.now();
  if (row.key_expires_at && Date.parse(row.key_expires_at) <= now) return undefined;
  const stale = !row.key_last_used_at || Date.parse(row.key_last_used_at) + TOUCH_INTERVAL_MS <= now;
  if (stale || row.key_last_used_ip !== ip) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString(), last_used_ip: ip })
      .where('id', '=', row.key_id)
      .execute();
  }
  const {
    key_id,
    key_scopes,
    key_expires_at: _expires,
    key_last_used_at: _lastUsed,
    key_last_used_ip: _lastIp,
    key_revoked_at: _revoked,
    ...user
  } = row;
  return { key: { id: key_id, user_id: user.id, scopes: key_scopes }, user };
}

function parseScopes(json: string): Set<Scope> {
  try {
    const parsed: unknown = JSON.parse(json);
    return new Set(Array.isArray(parsed) ? (parsed as Scope[]) : []);
  } catch {
    return new Set();
  }
}

/** A key's scopes (a fresh set). */
export function keyScopes(row: Pick<ApiKeyRow, 'scopes'>): Set<Scope> {
  return parseScopes(row.scopes);
}

/** Parsed scope lists by their JSON text: keys share a handful of distinct lists. */
const scopeSets = new Map<string, ReadonlySet<Scope>>();

/** A key's scopes for authorization: shared and read-only, parsed once per distinct list. */
export function keyScopesShared(row: Pick<ApiKeyRow, 'scopes'>): ReadonlySet<Scope> {
  let scopes = scopeSets.get(row.scopes);
  if (!scopes) {
    if (scopeSets.size >= 1000) scopeSets.clear();
    scopes = parseScopes(row.scopes);
    scopeSets.set(row.scopes, scopes);
  }
  return scopes;
}

/** The public shape of a key (never the key itself, except once at creation). */
export function presentApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    hint: `…${row.hint}`,
    scopes: [...keyScopes(row)],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
    revokedAt: row.revoked_at,
  };
}

/** Stops every key of a user at once (suspension, removal from the server). */
export async function revokeUserApiKeys(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes one key (if still live) and audits it, inside the caller's transaction. */
export async function revokeApiKey(
  trx: Transaction<Database>,
  ctx: AuditContext,
  key: { id: string; revoked_at: string | null },
  audit: { teamId?: string; data?: Record<string, unknown> } = {},
): Promise<void> {
  if (!key.revoked_at) {
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', key.id)
      .execute();
  }
  await recordAudit(trx, ctx, {
    action: 'apikey.revoke',
    teamId: audit.teamId,
    target: { type: 'apikey', id: key.id },
    data: audit.data,
  });
}
