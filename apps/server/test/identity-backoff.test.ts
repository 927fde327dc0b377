/**
 * Login back-off per account and per client address, shared through the database by every server
 * process, and the per-address request cap on /api/auth routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, ADDRESS_RULE, addressKey } from '../src/auth/login-throttle.ts';
import { type RunningServer, startServer } from '../src/index.ts';
import { DATABASE_KINDS } from './databases.ts';
import { makeUser, requestFrom, startTestServer, TEST_PASSWORD, type TestServer } from './helpers.ts';

describe('address keys', () => {
  it('counts IPv4-mapped addresses as IPv4 and IPv6 clients per /64', () => {
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe.each(DATABASE_KINDS)('login back-off (%s)', (kind) => {
  let t: TestServer;
  let second: RunningServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
    // A second server process on the same database: the counters must be shared.
    second = await startServer({
      version: '0.0.0-test',
      port: 0,
      dataDir: t.database.dataDir,
      databaseUrl: t.database.databaseUrl,
      log: () => {},
      env: {},
    });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const login = (from: string, email: string, password: string, url = t.url) =>
    requestFrom(from, url, 'POST', '/api/auth/login', { email, password });

  it('blocks an account after 5 failures from any addresses, on every server, with Retry-After', async () => {
    const user = await makeUser(t);
    for (let i = 0; i < ACCOUNT_RULE.failures; i++) {
      const res = await login(`127.0.1.${i + 1}`, user.email, 'wrong password guess');
      expect(res.status).toBe(401);
    }
    // Even the right password is refused now, from a fresh address and on the other server.
    const blocked = await login('127.0.1.99', user.email, TEST_PASSWORD, second.url);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.name).toBe('rateLimited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(20);
    expect(retryAfter).toBeLessThanOrEqual(30);

    // Another account from one of the same addresses is not affected.
    const other = await makeUser(t);
    expect((await login('127.0.1.1', other.email, TEST_PASSWORD)).status).toBe(200);

    const audits = await t.server.database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'user.login_failed')
      .where('actor_id', '=', user.id)
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => JSON.parse(a.data).failures)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.parse(audits[4]!.data)).toMatchObject({ reason: 'wrong_password', blockedForSeconds: 30 });
  });

  it('doubles the delay with each further failure, and a success clears the account', async () => {
    const user = await makeUser(t);
    const db = t.server.database.db;
    const key = `account:${user.email}`;
    const expire = () =>
      db
        .updateTable('login_attempts')
        .set({ blocked_until: new Date(Date.now() - 1000).toISOString() })
        .where('key', '=', key)
        .execute();
    for (let i = 0; i < ACCOUNT_RULE.failures; i++)
      await login('127.0.2.1', user.email, 'wrong password guess');
    await expire();
    const sixth = Date.now();
    expect((await login('127.0.2.1', user.email, 'wrong password guess')).status).toBe(401);
    const row = await db
      .selectFrom('login_attempts')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(6);
    const delay = Date.parse(row.blocked_until!) - sixth;
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThan(65_000);
    expect(
      Number((await login('127.0.2.1', user.email, TEST_PASSWORD)).headers.get('retry-after')),
    ).toBeGreaterThan(50);
    await expire();
    expect((await login('127.0.2.1', user.email, TEST_PASSWORD)).status).toBe(200);
    expect(await db.selectFrom('login_attempts').select('key').where('key', '=', key).execute()).toEqual([]);
  });

  it('blocks an address that fails against many accounts, but not other addresses', async () => {
    const victim = await makeUser(t);
    for (let i = 0; i < ADDRESS_RULE.failures; i++) {
      const res = await login('127.0.3.1', `nobody${i}@example.test`, 'spray password 1');
      expect(res.status).toBe(401);
    }
    const blocked = await login('127.0.3.1', victim.email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.name).toBe('rateLimited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('127.0.3.2', victim.email, TEST_PASSWORD)).status).toBe(200);
    const unknown = await t.server.database.db
      .selectFrom('audit_logs')
      .select('data')
      .where('action', '=', 'user.login_failed')
      .where('ip', '=', '127.0.3.1')
      .execute();
    expect(unknown).toHaveLength(ADDRESS_RULE.failures);
    expect(unknown.every((r) => JSON.parse(r.data).reason === 'unknown_email')).toBe(true);
  });
});

describe('request cap on /api/auth routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { POSTERN_AUTH_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 rateLimited with Retry-After past the per-minute cap, per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await requestFrom('127.0.4.1', t.url, 'POST', '/api/auth/password-reset', { email: 'a@b.test' }))
          .status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const capped = await requestFrom('127.0.4.1', t.url, 'POST', '/api/auth/password-reset', {
      email: 'a@b.test',
    });
    expect(capped.body.error.name).toBe('rateLimited');
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await requestFrom('127.0.4.2', t.url, 'POST', '/api/auth/password-reset', { email: 'a@b.test' }))
        .status,
    ).toBe(202);
  });
});
