import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

describe('OpenAPI, security headers and CORS', () => {
  let t: TestServer;
  let withCors: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    withCors = await startTestServer('sqlite', { POSTERN_CORS_ORIGINS: 'https://app.example.test' });
  });
  afterAll(async () => {
    await t?.close();
    await withCors?.close();
  });

  it('publishes OpenAPI 3.1 describing every registered API route', async () => {
    const res = await fetch(`${t.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const missing = t.server.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(JSON.stringify(doc.paths['/api/me/api-keys'])).toContain('expiresInDays');
  });

  it('sends security headers and no CORS headers unless configured', async () => {
    const res = await fetch(`${t.url}/api/health`, { headers: { origin: 'https://evil.example.test' } });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.url}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured origins when CORS is configured', async () => {
    const ok = await fetch(`${withCors.url}/api/health`, { headers: { origin: 'https://app.example.test' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    const other = await fetch(`${withCors.url}/api/health`, {
      headers: { origin: 'https://evil.example.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
