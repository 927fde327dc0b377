import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../src/audit/actions.ts';
import { isMutating } from '../src/route-registry.ts';
import { startTestServer, type TestServer } from './helpers.ts';

describe('route table', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives every mutating route a known audit action', () => {
    const routes = t.server.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(5);
    const known = new Set<string>(AUDIT_ACTIONS);
    const missing = routes
      .filter((r) => isMutating(r.method))
      .filter((r) => {
        const actions = ([] as string[]).concat(r.config.audit ?? []);
        return actions.length === 0 || actions.some((a) => !known.has(a));
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('lets only the listed routes answer without signing in', () => {
    const open = t.server.app.registeredRoutes
      .filter((r) => r.config.auth === 'none')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const allowed = [
      /^GET \/api\/health$/,
      /^(GET|POST) \/setup$/,
      /^POST \/api\/setup$/,
      /^POST \/api\/auth\//,
      /^GET \/api\/openapi\.json$/,
      /^GET \/(docs|invitations|verify-email|reset-password)/,
    ];
    expect(open.filter((r) => !allowed.some((p) => p.test(r)))).toEqual([]);
  });
});
