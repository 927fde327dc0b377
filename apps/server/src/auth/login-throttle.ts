/**
 * Login back-off per account and per client address, kept in the database so every server process
 * sees the same counters. After `failures` failed attempts (with no quiet gap of `windowMs` between
 * them) the key is blocked for `baseDelayMs`, doubling with each further failure up to `maxDelayMs`.
 * While blocked, sign-in answers 429 without looking at the password.
 */
import { isIP } from 'node:net';
import type { FastifyReply } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';

export interface ThrottleRule {
  failures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const MINUTE = 60_000;
/** One account: a person mistyping does not reach 5 in a row; a guesser is slowed at once. */
export const ACCOUNT_RULE: ThrottleRule = {
  failures: 5,
  windowMs: 15 * MINUTE,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * MINUTE,
};
/** One address: higher, since offices and NATs share one, but it stops spraying many accounts. */
export const ADDRESS_RULE: ThrottleRule = {
  failures: 20,
  windowMs: 15 * MINUTE,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * MINUTE,
};

/** Who is attempting: the account's email and the client's address. */
export interface LoginSubject {
  email: string;
  ip: string | null | undefined;
}

/** IPv6 clients are counted per /64 (one customer's usual allocation); IPv4-mapped addresses as IPv4. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function keysOf(subject: LoginSubject): { key: string; rule: ThrottleRule }[] {
  const keys = [{ key: `account:${subject.email.trim().toLowerCase()}`, rule: ACCOUNT_RULE }];
  if (subject.ip) keys.push({ key: `ip:${addressKey(subject.ip)}`, rule: ADDRESS_RULE });
  return keys;
}

/**
 * Milliseconds until the subject may try again (0: now).
 *
 * @example const wait = await loginWait(db, { email, ip: req.ip }); // 0, or e.g. 29_500
 */
export async function loginWait(db: Kysely<Database>, subject: LoginSubject): Promise<number> {
  const keys = keysOf(subject).map((k) => k.key);
  const rows = await db
    .selectFrom('login_attempts')
    .select('blocked_until')
    .where('key', 'in', keys)
    .where('blocked_until', 'is not', null)
    .execute();
  const now = Date.now();
  return Math.max(0, ...rows.map((r) => Date.parse(r.blocked_until ?? '') - now).filter((ms) => ms > 0));
}

/** The block a failure count earns under a rule (0 below the threshold). */
export function delayFor(rule: ThrottleRule, failures: number): number {
  if (failures < rule.failures) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(20, failures - rule.failures));
}

/**
 * Counts one failed attempt for the account and the address (atomically, so concurrent failures on
 * several servers all count) and returns the counts and the longest block now in force.
 */
export async function recordLoginFailure(
  db: Kysely<Database>,
  subject: LoginSubject,
): Promise<{ accountFailures: number; blockedForMs: number }> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  let accountFailures = 0;
  let blockedForMs = 0;
  for (const { key, rule } of keysOf(subject)) {
    const quietSince = new Date(now - rule.windowMs).toISOString();
    const fresh = sql<boolean>`login_attempts.updated_at < CAST(${quietSince} AS varchar(40))`;
    const row = await db
      .insertInto('login_attempts')
      .values({ key, failures: 1, window_start: nowIso, blocked_until: null, updated_at: nowIso })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`CASE WHEN ${fresh} THEN 1 ELSE login_attempts.failures + 1 END`,
          window_start: sql`CASE WHEN ${fresh} THEN CAST(${nowIso} AS varchar(40)) ELSE login_attempts.window_start END`,
          updated_at: nowIso,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const failures = Number(row.failures);
    if (key.startsWith('account:')) accountFailures = failures;
    const delay = delayFor(rule, failures);
    if (delay > 0) {
      await db
        .updateTable('login_attempts')
        .set({ blocked_until: new Date(now + delay).toISOString() })
        .where('key', '=', key)
        .execute();
      blockedForMs = Math.max(blockedForMs, delay);
    }
  }
  // Now and then, forget counters that have been quiet for a whole window.
  if (Math.random() < 0.02) {
    const stale = new Date(now - Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs)).toISOString();
    await db
      .deleteFrom('login_attempts')
      .where('updated_at', '<', stale)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', nowIso)]))
      .execute();
  }
  return { accountFailures, blockedForMs };
}

/** A successful sign-in clears the account's counter (not the address's: a guesser could reset it). */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', `account:${email.trim().toLowerCase()}`).execute();
}

/**
 * Answers 429 `rateLimited` with Retry-After while the account or the address is blocked.
 *
 * @example await assertLoginAllowed(db, { email: body.email, ip: req.ip }, reply);
 */
export async function assertLoginAllowed(
  db: Kysely<Database>,
  subject: LoginSubject,
  reply: FastifyReply,
): Promise<void> {
  const wait = await loginWait(db, subject);
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  reply.header('retry-after', String(seconds));
  throw new AppError(
    'rateLimited',
    `Too many failed sign-in attempts for this account or from this address; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  );
}
