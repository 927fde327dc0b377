/**
 * The access matrix: every resource (the team; a workspace of each type with a collection and an
 * environment in it) × action × role, asserted through the HTTP API against the table below,
 * written by hand from docs/ARCHITECTURE.md ("Access policy"), not derived from the code.
 *
 * Roles: a server administrator and an outsider (no team); team members by team role; developers
 * holding an explicit workspace role (wsAdmin also owns the personal workspace) or an element role
 * on the collection and the environment; and an anonymous caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import {
  type ApiResponse,
  addTeamMember,
  newMember,
  sampleCollection,
  startTestServer,
  TestClient,
  type TestServer,
} from './helpers.ts';

const ROLES = [
  'serverAdmin',
  'teamAdmin',
  'developer',
  'billing',
  'communityManager',
  'partnerManager',
  'partner',
  'wsAdmin',
  'wsEditor',
  'wsViewer',
  'elEditor',
  'elViewer',
  'outsider',
  'anonymous',
] as const;
type Role = (typeof ROLES)[number];
const TYPES = ['personal', 'private', 'team', 'partner', 'public'] as const;
type WsType = (typeof TYPES)[number];
/** No access, viewer, editor, admin. */
type Level = '-' | 'V' | 'E' | 'A';

const TEAM_ROLE: Partial<Record<Role, string>> = {
  teamAdmin: 'admin',
  developer: 'developer',
  billing: 'billing',
  communityManager: 'community-manager',
  partnerManager: 'partner-manager',
  partner: 'partner',
  wsAdmin: 'developer',
  wsEditor: 'developer',
  wsViewer: 'developer',
  elEditor: 'developer',
  elViewer: 'developer',
};

/** The expected role on each workspace (personal, private, team, partner, public). */
const WORKSPACE: Record<Exclude<Role, 'anonymous'>, string> = {
  //                  pers priv team partner public
  serverAdmin: '     -    -    -    -    V',
  teamAdmin: '       -    -    A    A    A',
  developer: '       -    -    V    V    V',
  billing: '         -    -    -    -    V',
  communityManager: '-    -    V    V    A',
  partnerManager: '  -    -    V    A    V',
  partner: '         -    -    -    E    V',
  wsAdmin: '         A    A    A    A    A',
  wsEditor: '        -    E    E    E    E',
  wsViewer: '        -    V    V    V    V',
  elEditor: '        -    -    V    V    V',
  elViewer: '        -    -    V    V    V',
  outsider: '        -    -    -    -    V',
};

/** The expected role on the collection and the environment, where it differs from the workspace. */
const ELEMENT: Partial<Record<Role, string>> = {
  elEditor: '        -    E    E    E    E',
  elViewer: '        -    V    V    V    V',
};

function levels(row: string): Record<WsType, Level> {
  const cells = row.trim().split(/\s+/) as Level[];
  return Object.fromEntries(TYPES.map((t, i) => [t, cells[i]])) as Record<WsType, Level>;
}

const RANK: Record<Level, number> = { '-': 0, V: 1, E: 2, A: 3 };

/** The status an action needing `need` gets from a caller holding `have`. */
function expected(role: Role, have: Level, need: Level, ok: number): number {
  if (role === 'anonymous') return 401;
  if (have === '-') return 404;
  return RANK[have] >= RANK[need] ? ok : 403;
}

interface Fixture {
  ws: string;
  collection: string;
  environment: string;
}

type Clients = Record<Role, TestClient> & { ids: Record<Role, string> };

describe.each(DATABASE_KINDS)('access matrix (%s)', (kind) => {
  let t: TestServer;
  let c: Clients;
  let teamId: string;
  const fixtures = {} as Record<WsType, Fixture>;

  async function ok<T>(res: Promise<ApiResponse<T>>, status: number): Promise<ApiResponse<T>> {
    const r = await res;
    if (r.status !== status) throw new Error(`fixture request failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }

  async function grantElement(type: WsType, path: string): Promise<void> {
    if (type === 'personal') return;
    await ok(
      c.wsAdmin.patch(`${path}/roles`, {
        roles: [
          { userId: c.ids.elEditor, role: 'editor' },
          { userId: c.ids.elViewer, role: 'viewer' },
        ],
      }),
      200,
    );
  }

  async function newCollection(type: WsType, ws: string): Promise<string> {
    const id = (
      await ok(c.wsAdmin.post(`/api/collections?workspace=${ws}`, { collection: sampleCollection('M') }), 201)
    ).body.collection.id;
    await grantElement(type, `/api/collections/${id}`);
    return id;
  }

  async function newEnvironment(type: WsType, ws: string): Promise<string> {
    const body = {
      environment: { name: 'E', values: [{ key: 'token', value: 's3cret-value', type: 'secret' }] },
    };
    const id = (await ok(c.wsAdmin.post(`/api/environments?workspace=${ws}`, body), 201)).body.environment.id;
    await grantElement(type, `/api/environments/${id}`);
    return id;
  }

  async function newWorkspace(type: WsType): Promise<string> {
    if (type === 'personal') {
      return (await ok(c.wsAdmin.post('/api/workspaces', { workspace: { name: 'P', type } }), 201)).body
        .workspace.id;
    }
    const creator = type === 'private' ? c.wsAdmin : c.teamAdmin;
    const ws = (await ok(creator.post('/api/workspaces', { workspace: { name: type, type, teamId } }), 201))
      .body.workspace.id;
    const roles = [
      { userId: c.ids.wsAdmin, role: 'admin' },
      { userId: c.ids.wsEditor, role: 'editor' },
      { userId: c.ids.wsViewer, role: 'viewer' },
      ...(type === 'private' ? [] : [{ userId: c.ids.teamAdmin, role: null }]),
      ...(type === 'partner' ? [{ userId: c.ids.partner, role: 'editor' }] : []),
    ];
    await ok(creator.patch(`/api/workspaces/${ws}/roles`, { roles }), 200);
    return ws;
  }

  beforeAll(async () => {
    t = await startTestServer(kind);
    const members = await Promise.all(
      ROLES.filter((r) => r !== 'anonymous').map((r) =>
        newMember(t, { admin: r === 'serverAdmin', name: r }),
      ),
    );
    const clients = { ids: {} } as Clients;
    ROLES.filter((r) => r !== 'anonymous').forEach((role, i) => {
      clients[role] = members[i]!.key;
      clients.ids[role] = members[i]!.id;
    });
    clients.anonymous = new TestClient(t.url);
    c = clients;
    teamId = (await ok(c.teamAdmin.post('/api/teams', { team: { name: 'Matrix' } }), 201)).body.team.id;
    for (const [role, teamRole] of Object.entries(TEAM_ROLE)) {
      if (role !== 'teamAdmin') await addTeamMember(t, teamId, c.ids[role as Role], teamRole);
    }
    for (const type of TYPES) {
      const ws = await newWorkspace(type);
      fixtures[type] = {
        ws,
        collection: await newCollection(type, ws),
        environment: await newEnvironment(type, ws),
      };
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  type Check = (client: TestClient, role: Role) => Promise<number>;
  const listed = (key: string, id: string) => (res: ApiResponse) =>
    res.status === 200 ? (res.body[key].some((x: { id: string }) => x.id === id) ? 200 : 404) : res.status;

  /** Runs every role through `check` and returns the cells that differ from `want`. */
  async function cells(label: string, want: (role: Role) => number, check: Check): Promise<string[]> {
    const got = await Promise.all(ROLES.map((role) => check(c[role], role)));
    return ROLES.flatMap((role, i) =>
      got[i] === want(role) ? [] : [`${label} as ${role}: expected ${want(role)}, got ${got[i]}`],
    );
  }

  it('decides every team action by team role', async () => {
    const member = (r: Role) => TEAM_ROLE[r] !== undefined;
    const want = (ok: number, allowed: (r: Role) => boolean) => (r: Role) =>
      r === 'anonymous' ? 401 : !member(r) ? 404 : allowed(r) ? ok : 403;
    const all = () => true;
    const adminOnly = (r: Role) => r === 'teamAdmin';
    const problems = [
      ...(await cells(
        'team read',
        want(200, all),
        async (cl) => (await cl.get(`/api/teams/${teamId}`)).status,
      )),
      ...(await cells('team list', want(200, all), async (cl) =>
        listed('teams', teamId)(await cl.get('/api/teams')),
      )),
      ...(await cells(
        'team members',
        want(200, (r) => r !== 'partner'),
        async (cl) => (await cl.get(`/api/teams/${teamId}/members`)).status,
      )),
      ...(await cells(
        'team update',
        want(200, adminOnly),
        async (cl) => (await cl.patch(`/api/teams/${teamId}`, { team: { name: 'Matrix' } })).status,
      )),
      ...(await cells(
        'team member change',
        want(200, adminOnly),
        async (cl) =>
          (
            await cl.patch(`/api/teams/${teamId}/members/${c.ids.developer}`, { role: 'developer' })
          ).status,
      )),
      ...(await cells(
        'team policy',
        want(200, adminOnly),
        async (cl) => (await cl.patch(`/api/teams/${teamId}/policy`, { maxApiKeyDays: null })).status,
      )),
      ...(await cells(
        'team invite',
        want(201, adminOnly),
        async (cl, r) =>
          (
            await cl.post(`/api/teams/${teamId}/invitations`, {
              email: `${r}-guest@example.test`,
              role: 'developer',
            })
          ).status,
      )),
    ];
    expect(problems).toEqual([]);
  });

  it.each(TYPES)(
    'decides every action on a %s workspace, its collection and environment by role',
    async (type) => {
      const f = fixtures[type];
      const ws = (r: Role): Level => (r === 'anonymous' ? '-' : levels(WORKSPACE[r])[type]);
      const el = (r: Role): Level => {
        if (r === 'anonymous') return '-';
        const row = ELEMENT[r];
        return row ? levels(row)[type] : ws(r);
      };
      const need = (level: (r: Role) => Level, min: Level, okStatus: number) => (r: Role) =>
        expected(r, level(r), min, okStatus);
      /** Managing roles on a personal workspace is refused as bad input even for its owner. */
      const manage = (level: (r: Role) => Level) => (r: Role) => {
        const status = expected(r, level(r), 'A', 200);
        return type === 'personal' && status === 200 ? 400 : status;
      };
      const listable = (r: Role) =>
        r === 'anonymous' ? 401 : ws(r) !== '-' || (el(r) !== '-' && type !== 'personal') ? 200 : 404;

      const problems = [
        // The workspace.
        ...(await cells(
          'ws read',
          need(ws, 'V', 200),
          async (cl) => (await cl.get(`/api/workspaces/${f.ws}`)).status,
        )),
        ...(await cells('ws list', need(ws, 'V', 200), async (cl, r) =>
          r === 'anonymous'
            ? (
                await cl.get('/api/workspaces')
              ).status
            : listed('workspaces', f.ws)(await cl.get('/api/workspaces?limit=500')),
        )),
        ...(await cells(
          'ws update',
          need(ws, 'A', 200),
          async (cl) => (await cl.put(`/api/workspaces/${f.ws}`, { workspace: { name: type } })).status,
        )),
        ...(await cells(
          'ws roles read',
          need(ws, 'V', 200),
          async (cl) => (await cl.get(`/api/workspaces/${f.ws}/roles`)).status,
        )),
        ...(await cells(
          'ws roles manage',
          manage(ws),
          async (cl) =>
            (
              await cl.patch(`/api/workspaces/${f.ws}/roles`, {
                roles: [{ userId: c.ids.wsViewer, role: 'viewer' }],
              })
            ).status,
        )),
        ...(await cells(
          'ws create collection',
          need(ws, 'E', 201),
          async (cl) =>
            (
              await cl.post(`/api/collections?workspace=${f.ws}`, { collection: sampleCollection('new') })
            ).status,
        )),
        ...(await cells(
          'ws create environment',
          need(ws, 'E', 201),
          async (cl) =>
            (
              await cl.post(`/api/environments?workspace=${f.ws}`, {
                environment: { name: 'new', values: [] },
              })
            ).status,
        )),
        ...(await cells('ws delete', need(ws, 'A', 204), async (cl, r) => {
          const allowed = expected(r, ws(r), 'A', 204) === 204;
          return (await cl.delete(`/api/workspaces/${allowed ? await newWorkspace(type) : f.ws}`)).status;
        })),
        // The collection.
        ...(await cells(
          'collection read',
          need(el, 'V', 200),
          async (cl) => (await cl.get(`/api/collections/${f.collection}`)).status,
        )),
        ...(await cells('collection list', need(el, 'V', 200), async (cl, r) =>
          r === 'anonymous'
            ? (
                await cl.get('/api/collections')
              ).status
            : listed('collections', f.collection)(await cl.get('/api/collections?limit=500')),
        )),
        ...(await cells(
          'collection list in workspace',
          listable,
          async (cl) => (await cl.get(`/api/collections?workspace=${f.ws}`)).status,
        )),
        ...(await cells(
          'collection versions',
          need(el, 'V', 200),
          async (cl) => (await cl.get(`/api/collections/${f.collection}/versions`)).status,
        )),
        ...(await cells(
          'collection update',
          need(el, 'E', 200),
          async (cl) =>
            (
              await cl.put(`/api/collections/${f.collection}`, { collection: sampleCollection('M') })
            ).status,
        )),
        ...(await cells(
          'collection roles read',
          need(el, 'V', 200),
          async (cl) => (await cl.get(`/api/collections/${f.collection}/roles`)).status,
        )),
        ...(await cells(
          'collection roles manage',
          manage(el),
          async (cl) =>
            (
              await cl.patch(`/api/collections/${f.collection}/roles`, {
                roles: [{ userId: c.ids.elViewer, role: 'viewer' }],
              })
            ).status,
        )),
        ...(await cells('collection delete', need(el, 'E', 204), async (cl, r) => {
          const allowed = expected(r, el(r), 'E', 204) === 204;
          return (
            await cl.delete(`/api/collections/${allowed ? await newCollection(type, f.ws) : f.collection}`)
          ).status;
        })),
        // The environment.
        ...(await cells(
          'environment read',
          need(el, 'V', 200),
          async (cl) => (await cl.get(`/api/environments/${f.environment}`)).status,
        )),
        ...(await cells('environment list', need(el, 'V', 200), async (cl, r) =>
          r === 'anonymous'
            ? (
                await cl.get('/api/environments')
              ).status
            : listed('environments', f.environment)(await cl.get('/api/environments?limit=500')),
        )),
        ...(await cells(
          'environment reveal',
          need(el, 'E', 200),
          async (cl) => (await cl.get(`/api/environments/${f.environment}?reveal=true`)).status,
        )),
        ...(await cells(
          'environment update',
          need(el, 'E', 200),
          async (cl) =>
            (
              await cl.put(`/api/environments/${f.environment}`, {
                environment: { name: 'E', values: [{ key: 'token', value: null, type: 'secret' }] },
              })
            ).status,
        )),
        ...(await cells(
          'environment roles manage',
          manage(el),
          async (cl) =>
            (
              await cl.patch(`/api/environments/${f.environment}/roles`, {
                roles: [{ userId: c.ids.elViewer, role: 'viewer' }],
              })
            ).status,
        )),
        ...(await cells('environment delete', need(el, 'E', 204), async (cl, r) => {
          const allowed = expected(r, el(r), 'E', 204) === 204;
          return (
            await cl.delete(`/api/environments/${allowed ? await newEnvironment(type, f.ws) : f.environment}`)
          ).status;
        })),
      ];
      expect(problems).toEqual([]);
      // The secret survived every update above (sent back masked) and is still the planted one.
      const revealed = await c.wsAdmin.get(`/api/environments/${f.environment}?reveal=true`);
      expect(revealed.body.environment.values[0].value).toBe('s3cret-value');
    },
  );

  it('gives every team, workspace, collection and environment route an API-key scope', () => {
    const ours = t.server.app.registeredRoutes.filter((r) =>
      /^\/api\/(teams|invitations|workspaces|collections|environments)\b/.test(r.url),
    );
    expect(ours.length).toBeGreaterThan(30);
    expect(ours.filter((r) => !r.config.scope).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(ours.filter((r) => r.config.auth === 'none' || r.config.auth === 'optional')).toEqual([]);
  });

  it('applies API-key scopes on top of roles', async () => {
    const f = fixtures.team;
    const session = await newMember(t);
    await addTeamMember(t, teamId, session.id, 'admin');
    const made = await session.session.post('/api/me/api-keys', { name: 'ci', scopes: ['collections:read'] });
    const key = new TestClient(t.url, { apiKey: made.body.apiKey.key });
    expect((await key.get(`/api/collections/${f.collection}`)).status).toBe(200);
    const write = await key.put(`/api/collections/${f.collection}`, { collection: sampleCollection('M') });
    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain('collections:write');
    expect((await key.get(`/api/environments/${f.environment}`)).status).toBe(403);
    expect((await key.get(`/api/workspaces/${f.ws}`)).status).toBe(403);
    expect((await key.get(`/api/teams/${teamId}`)).status).toBe(403);
  });
});
