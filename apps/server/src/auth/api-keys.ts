/** API keys: created (shown once), looked up by hash, revoked, with last-used bookkeeping. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { hashToken } from '../crypto/tokens.ts';
import type { ApiKeysTable, Database } from '../db/schema.ts';
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

/** The live key row for a presented key, or undefined (malformed, unknown, revoked, expired). */
export async function findLiveApiKey(
  db: Kysely<Database>,
  key: string,
  ip: string | null,
): Promise<ApiKeyRow | undefined> {
  if (!isWellFormedApiKey(key)) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashToken(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  const now = Date.now();
  if (row.expires_at && Date.parse(row.expires_at) <= now) return undefined;
  const stale = !row.last_used_at || Date.parse(row.last_used_at) + TOUCH_INTERVAL_MS <= now;
  if (stale || row.last_used_ip !== ip) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString(), last_used_ip: ip })
      .where('id', '=', row.id)
      .execute();
  }
  return row;
}

export function keyScopes(row: ApiKeyRow): Set<Scope> {
  try {
    const parsed: unknown = JSON.parse(row.scopes);
    return new Set(Array.isArray(parsed) ? (parsed as Scope[]) : []);
  } catch {
    return new Set();
  }
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
