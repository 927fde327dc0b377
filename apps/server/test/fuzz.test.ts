/**
 * Malformed input of any kind must be a 4xx with an error name, never a 500: every registered
 * route gets random, wrongly typed and truncated bodies, odd path parameters and query strings,
 * as an anonymous caller, a signed-in user (cookie + CSRF) and an administrator's API key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.ts';
import { isMutating, type RegisteredRoute } from '../src/route-registry.ts';
import { DATABASE_KINDS } from './databases.ts';
import { makeUser, newMember, signIn, startTestServer, type TestClient, type TestServer } from './helpers.ts';

const KEYS = [
  'name',
  'email',
  'password',
  'collection',
  'environment',
  'workspace',
  'team',
  'info',
  'item',
  'values',
  'role',
  'roles',
  'type',
  'token',
  'code',
  'scopes',
  'userId',
  'key',
  'value',
  'status',
  'reason',
  'id',
  '__proto__',
  'constructor',
  'expiresInDays',
  'requireMfa',
  'openSignup',
  'recoveryCode',
  'mfaToken',
  'invitation',
  'teamId',
];

function randomValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return Math.floor(rand() * 2 ** 33) * (rand() < 0.5 ? -1 : 1);
    case 3:
      return rand() * 1e308;
    case 4:
      return '';
    case 5:
      return 'x'.repeat(Math.floor(rand() * 5000));
    case 6:
      return [
        'a@b.c',
        '../../etc/passwd',
        '{{x}}',
        '<script>',
        "' OR 1=1 --",
        '\u0000',
        '00000000-0000-0000-0000-000000000000',
        'admin',
        'secret',
        'v2.1.0',
      ][Math.floor(rand() * 10)];
    case 7:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--)
        out[KEYS[Math.floor(rand() * KEYS.length)]!] = randomValue(rand, depth + 1);
      return out;
    }
  }
}

function randomBody(rand: () => number): string {
  const kind = Math.floor(rand() * 6);
  const json = JSON.stringify(randomValue(rand));
  if (kind === 0) return json.slice(0, Math.floor(rand() * json.length)); // truncated
  if (kind === 1)
    return Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString('latin1');
  if (kind === 2)
    return '{"collection": {"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [{"request": 5}]}}';
  return json;
}

const PARAM_VALUES = [
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '1',
  '%00',
  'a'.repeat(300),
  '..%2f..',
];

function fillPath(url: string, rand: () => number): string {
  return url.replace(/:[A-Za-z]+/g, () =>
    encodeURIComponent(PARAM_VALUES[Math.floor(rand() * PARAM_VALUES.length)]!),
  );
}

const QUERIES = [
  '',
  '?limit=-1',
  '?limit=abc',
  '?cursor=%%%',
  '?workspace=not-a-uuid',
  '?since=yesterday',
  '?reveal=maybe',
  '?workspace=00000000-0000-4000-8000-000000000000',
];

describe.each(DATABASE_KINDS)('fuzzing every route (%s)', (kind) => {
  let t: TestServer;
  let clients: Array<{ name: string; client: TestClient | undefined }>;
  beforeAll(async () => {
    t = await startTestServer(kind);
    const admin = await makeUser(t, { admin: true });
    const adminSession = await signIn(t, admin.email);
    const adminKey = await adminSession.post('/api/me/api-keys', {
      name: 'fuzz',
      scopes: [
        'admin',
        'collections:write',
        'collections:read',
        'workspaces:read',
        'workspaces:write',
        'environments:read',
        'environments:write',
        'teams:read',
        'teams:write',
        'audit:read',
      ],
    });
    const member = await newMember(t);
    clients = [
      { name: 'anonymous', client: undefined },
      { name: 'member session', client: member.session },
      {
        name: 'admin key',
        client: new (member.key.constructor as typeof TestClient)(t.url, {
          apiKey: adminKey.body.apiKey.key,
        }),
      },
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers malformed input with a named 4xx and never a 500', { timeout: 120_000 }, async () => {
    const rand = seededRandom(kind === 'sqlite' ? 1 : 2);
    // Sign-out and self-destructive routes would end the fuzzing identities; they are fuzzed last.
    const routes = [...t.server.app.registeredRoutes].sort(
      (a, b) => Number(isSelfEnding(a)) - Number(isSelfEnding(b)),
    );
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const { name, client } of clients) {
        for (let i = 0; i < (isMutating(route.method) ? 12 : 4); i++) {
          const path = fillPath(route.url, rand) + QUERIES[Math.floor(rand() * QUERIES.length)];
          const body = isMutating(route.method) ? randomBody(rand) : undefined;
          const headers: Record<string, string> = {
            'content-type': rand() < 0.85 ? 'application/json' : 'text/plain',
          };
          if (client?.auth.cookie) headers.cookie = client.auth.cookie;
          if (client?.auth.csrfToken) headers['x-csrf-token'] = client.auth.csrfToken;
          if (client?.auth.apiKey) headers['x-api-key'] = client.auth.apiKey;
          const res = await fetch(`${t.url}${path}`, { method: route.method, headers, body });
          sent++;
          const text = await res.text();
          if (res.status >= 500)
            failures.push(
              `${name}: ${route.method} ${path} ${JSON.stringify(body)?.slice(0, 200)} → ${res.status} ${text.slice(0, 200)}`,
            );
          else if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
            const parsed = JSON.parse(text) as { error?: { name?: unknown } };
            if (typeof parsed.error?.name !== 'string')
              failures.push(
                `${name}: ${route.method} ${path} → ${res.status} without an error name: ${text.slice(0, 200)}`,
              );
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(100);
    expect(failures.map((f) => f.slice(0, 400))).toEqual([]);
  });
});

function isSelfEnding(route: RegisteredRoute): boolean {
  return /logout|sessions|suspend|api-keys\/:id|password|mfa/.test(route.url) && isMutating(route.method);
}
