import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/index.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases.ts';

describe.each(DATABASE_KINDS)('first run and health (%s)', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startServer({
      version: '0.0.0-test',
      port: 0,
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      log: (l) => lines.push(l),
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const setupToken = () => {
    const line = lines.find((l) => l.includes('/setup?token='));
    return line ? (new URL(line.trim()).searchParams.get('token') ?? '') : '';
  };

  it('reports health with the database kind', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '0.0.0-test', database: kind });
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('prints its URL and a one-time setup link', () => {
    expect(lines[0]).toContain(server.url);
    expect(setupToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses malformed and wrong setup requests with stable error names', async () => {
    const malformed = await post('/api/setup', '{"token": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.name).toBe('invalidParams');
    const wrong = await post('/api/setup', {
      token: 'nope',
      email: 'a@example.com',
      name: 'A',
      password: 'long enough passphrase',
    });
    expect(wrong.status).toBe(409);
    expect((await wrong.json()).error.name).toBe('setupClosed');
    const short = await post('/api/setup', {
      token: setupToken(),
      email: 'a@example.com',
      name: 'A',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error.name).toBe('invalidParams');
  });

  it('creates the first admin once, then closes setup', async () => {
    const body = {
      token: setupToken(),
      email: 'Admin@Example.com',
      name: 'Ada',
      password: 'correct horse battery staple',
    };
    const ok = await post('/api/setup', body);
    expect(ok.status).toBe(201);
    expect((await ok.json()).user).toMatchObject({
      email: 'admin@example.com',
      isAdmin: true,
      emailVerified: true,
    });
    const again = await post('/api/setup', body);
    expect(again.status).toBe(409);
  });

  it('answers unknown routes with notFound', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.name).toBe('notFound');
  });
});
