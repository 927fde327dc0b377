/**
 * Sign-in sessions: a random token in an HttpOnly cookie, stored only as its hash, with an idle
 * and an absolute timeout. The CSRF token is random per session and travels in responses, never
 * in a cookie.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { hashToken, newToken } from '../crypto/tokens.ts';
import type { Database, SessionsTable } from '../db/schema.ts';

export const SESSION_COOKIE = 'postern_session';
export const SESSION_IDLE_MS = 8 * 3600 * 1000;
export const SESSION_ABSOLUTE_MS = 14 * 24 * 3600 * 1000;
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionRow = Selectable<SessionsTable>;

export interface NewSession {
  token: string;
  session: SessionRow;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  from: { ip?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = newToken();
  const now = Date.now();
  const session: SessionRow = {
    id: randomUUID(),
    token_hash: hashToken(token),
    user_id: userId,
    csrf_token: newToken(),
    ip: from.ip ?? null,
    user_agent: from.userAgent?.slice(0, 500) ?? null,
    created_at: new Date(now).toISOString(),
    last_seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
    revoked_at: null,
  };
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

/** The live session for a cookie token, or undefined (unknown, revoked, idle or expired). */
export async function findLiveSession(db: Kysely<Database>, token: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + SESSION_IDLE_MS <= now)
    return undefined;
  if (Date.parse(row.last_seen_at) + TOUCH_INTERVAL_MS <= now) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return row;
}

export function csrfMatches(session: SessionRow, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrf_token);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Ends every session (and nothing else) of a user, e.g. on suspension or password change. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: string,
  exceptId?: string,
): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
