/**
 * Sign-in sessions: a random token in an HttpOnly cookie, stored only as its hash, with an idle
 * and an absolute timeout. The CSRF token is random per session and travels in responses, never
 * in a cookie.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { hashToken, newToken } from '../crypto/tokens.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { Database, SessionsTable } from '../db/schema.ts';
import type { UserRow } from '../modules/users/repository.ts';

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

/** A session and its user in one query (every cookie-authenticated request runs it). */
const sessionWithUser = preparedQuery((db, p: { hash: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select([
      's.id as session_id',
      's.token_hash as session_token_hash',
      's.csrf_token as session_csrf_token',
      's.ip as session_ip',
      's.user_agent as session_user_agent',
      's.created_at as session_created_at',
      's.last_seen_at as session_last_seen_at',
      's.expires_at as session_expires_at',
      's.revoked_at as session_revoked_at',
    ])
    .where('s.token_hash', '=', p.hash),
);

/**
 * The live session for a cookie token and its user (whatever the user's status: the caller
 * decides), or undefined (unknown, revoked, idle or expired). Read from the database on every
 * call, so a revocation counts from the next request on.
 */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await sessionWithUser.first(db, { hash: hashToken(token) });
  if (!row) return undefined;
  const {
    session_id,
    session_token_hash,
    session_csrf_token,
    session_ip,
    session_user_agent,
    session_created_at,
    session_last_seen_at,
    session_expires_at,
    session_revoked_at,
    ...user
  } = row;
  const session: SessionRow = {
    id: session_id,
    token_hash: session_token_hash,
    user_id: user.id,
    csrf_token: session_csrf_token,
    ip: session_ip,
    user_agent: session_user_agent,
    created_at: session_created_at,
    last_seen_at: session_last_seen_at,
    expires_at: session_expires_at,
    revoked_at: session_revoked_at,
  };
  if (session.revoked_at) return undefined;
  const now = Date.now();
  if (Date.parse(session.expires_at) <= now || Date.parse(session.last_seen_at) + SESSION_IDLE_MS <= now)
    return undefined;
  if (Date.parse(session.last_seen_at) + TOUCH_INTERVAL_MS <= now) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', session.id)
      .execute();
  }
  return { session, user };
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
