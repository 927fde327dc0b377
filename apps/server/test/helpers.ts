/**
 * Test helpers for the server suite: a real server on a throw-away database, users made through
 * the service layer, and clients that sign in with a session (cookie + CSRF) or an API key.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { generate } from 'otplib';
import { type RunningServer, startServer } from '../src/index.ts';
import { insertMember } from '../src/modules/teams/repository.ts';
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

// ---- Identity and mail helpers ----

/** A parsed mail from the outbox or an SMTP capture. */
export interface TestMail {
  to: string;
  subject: string;
  text: string;
  raw: string;
  file?: string;
}

/** Decodes the quoted-printable body nodemailer writes for long or non-ASCII text. */
function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses one RFC 5322 message (single text part, as the server writes). */
export function parseMail(raw: string, file?: string): TestMail {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = text.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { to: header('To'), subject: header('Subject'), text: decoded, raw, ...(file ? { file } : {}) };
}

/** Every mail the server wrote to its outbox so far (oldest first). */
export function readOutbox(t: TestServer): TestMail[] {
  const dir = join(t.database.dataDir, 'outbox');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => parseMail(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/**
 * Waits (up to `timeoutMs`) for a mail to `to` whose subject matches, as mail leaves in the background.
 *
 * @example const mail = await waitForMail(t, user.email, /Reset your/);
 */
export async function waitForMail(
  t: TestServer,
  to: string,
  subject: RegExp,
  timeoutMs = 5000,
): Promise<TestMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = readOutbox(t).find((m) => m.to.includes(to) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The one-time token in a mail's link (`…?token=<token>`). */
export function tokenIn(mail: TestMail): string {
  const match = /[?&]token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match) throw new Error(`no token link in mail "${mail.subject}"`);
  return decodeURIComponent(match[1]!);
}

/** The TOTP code of `secret` at now + `offsetSeconds` (one step is 30 s). */
export function totpCode(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/**
 * Sends a JSON request from a chosen loopback source address (127.0.0.x), so tests can act as
 * several clients: the server sees that address as `req.ip`.
 */
export function requestFrom<T = Json>(
  localAddress: string,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {}
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            for (const value of ([] as (string | undefined)[]).concat(v))
              if (value !== undefined) h.append(k, value);
          }
          resolvePromise({ status: res.statusCode ?? 0, body: parsed as T, headers: h });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A session client from a login response (cookie + CSRF token). */
export function sessionFrom(t: TestServer, res: ApiResponse, email?: string): TestClient {
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  if (!cookie || !res.body?.csrfToken)
    throw new Error(`not a sign-in response: ${res.status} ${JSON.stringify(res.body)}`);
  return new TestClient(t.url, { cookie, csrfToken: res.body.csrfToken }, res.body.user?.id, email);
}

// ---- Teams, workspaces and collections helpers ----

/** Adds `userId` to a team with `role` directly (as an accepted invitation would). */
export async function addTeamMember(
  t: TestServer,
  teamId: string,
  userId: string,
  role: string,
): Promise<void> {
  await insertMember(t.server.database.db, { teamId, userId, role });
}

/** The token in an invitation mail's link (`<public URL>/invitations/<token>`). */
export function invitationTokenIn(mail: TestMail): string {
  const match = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in mail "${mail.subject}"`);
  return match[1]!;
}

/** A small valid v2.1 collection whose requests go to `baseUrl` (the echo fixture in tests). */
export function sampleCollection(name: string, baseUrl = 'http://127.0.0.1:9') {
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      {
        name: 'get',
        request: { method: 'GET', url: `${baseUrl}/get?from={{who}}` },
        event: [
          {
            listen: 'test',
            script: {
              exec: [
                'pm.test("status 200", () => pm.response.to.have.status(200));',
                'pm.test("echoes the query", () => pm.expect(pm.response.json().args.from).to.eql(pm.collectionVariables.get("who")));',
              ],
            },
          },
        ],
      },
    ],
    variable: [{ key: 'who', value: 'postern' }],
  };
}
