/**
 * Test helpers for the server suite: a real server on a throw-away database, users made through
 * the service layer, and clients that sign in with a session (cookie + CSRF) or an API key.
 */
import { type RunningServer, startServer } from '../src/index.ts';
import { createUser } from '../src/modules/users/service.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export const TEST_PASSWORD = 'correct horse battery staple 42';

export interface TestServer {
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** Lines the server printed. */
  lines: string[];
  close(): Promise<void>;
}

export async function startTestServer(
  kind: 'sqlite' | 'postgres',
  env: NodeJS.ProcessEnv = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const lines: string[] = [];
  const server = await startServer({
    version: '0.0.0-test',
    port: 0,
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    log: (l) => lines.push(l),
    env: { ...env },
  });
  return {
    server,
    database,
    url: server.url,
    lines,
    close: async () => {
      await server.close();
      await database.drop();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly; a wrong shape fails the test
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client that talks JSON to the server as one identity (none, a session, or an API key). */
export class TestClient {
  constructor(
    readonly baseUrl: string,
    readonly auth: { cookie?: string; csrfToken?: string; apiKey?: string } = {},
    readonly userId?: string,
    readonly email?: string,
  ) {}

  async request<T = Json>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    if (this.auth.csrfToken) headers['x-csrf-token'] = this.auth.csrfToken;
    if (this.auth.apiKey) headers['x-api-key'] = this.auth.apiKey;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = Json>(path: string) => this.request<T>('GET', path);
  post = <T = Json>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = Json>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = Json>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  delete = <T = Json>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);
}

let counter = 0;

/** Creates a verified user directly (as `postern admin create-user` does). */
export async function makeUser(
  t: TestServer,
  options: { email?: string; name?: string; admin?: boolean } = {},
): Promise<{ id: string; email: string }> {
  counter += 1;
  const email = options.email ?? `user${counter}-${Date.now().toString(36)}@example.test`;
  const db = t.server.database.db;
  const user = await db.transaction().execute((trx) =>
    createUser(trx, {
      email,
      name: options.name ?? email.split('@')[0]!,
      password: TEST_PASSWORD,
      isAdmin: options.admin ?? false,
      emailVerified: true,
    }),
  );
  return { id: user.id, email: user.email };
}

/** Signs in through POST /api/auth/login and returns a cookie client with the CSRF token. */
export async function signIn(t: TestServer, email: string, password = TEST_PASSWORD): Promise<TestClient> {
  const res = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { user?: { id: string }; csrfToken?: string; error?: unknown };
  if (res.status !== 200 || !body.csrfToken)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return new TestClient(t.url, { cookie, csrfToken: body.csrfToken }, body.user?.id, email);
}

/** A new user signed in, plus an API-key client for the same user. */
export async function newMember(
  t: TestServer,
  options: { admin?: boolean; name?: string } = {},
): Promise<{ session: TestClient; key: TestClient; id: string; email: string }> {
  const user = await makeUser(t, options);
  const session = await signIn(t, user.email);
  const made = await session.post('/api/me/api-keys', { name: 'test key' });
  if (made.status !== 201)
    throw new Error(`api key creation failed: ${made.status} ${JSON.stringify(made.body)}`);
  const key = new TestClient(t.url, { apiKey: made.body.apiKey.key }, user.id, user.email);
  return { session, key, ...user };
}
