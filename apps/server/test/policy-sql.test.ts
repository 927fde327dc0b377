/**
 * The policy exists twice: in JS for one resource (access.ts, through the facts query of
 * resources.ts) and in SQL for lists (visibility-sql.ts). This test builds every combination of
 * workspace type, team (none / the user's team with each role and status / a foreign team),
 * ownership, explicit workspace role and element role for one user, and checks that both give the
 * same answer for every minimum role, on both databases.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/actor.ts';
import type { Database } from '../src/db/schema.ts';
import { loadElement, loadWorkspace } from '../src/policies/resources.ts';
import {
  roleRank,
  TEAM_ROLES,
  WORKSPACE_ROLES,
  WORKSPACE_TYPES,
  type WorkspaceRole,
} from '../src/policies/roles.ts';
import { elementRoleAtLeast, workspaceRoleAtLeast } from '../src/policies/visibility-sql.ts';
import { DATABASE_KINDS } from './databases.ts';
import { makeUser, startTestServer, type TestServer } from './helpers.ts';

interface Case {
  workspaceId: string;
  collectionIds: string[];
}

async function insertBatches<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) {
    // The rows are built per table above; the table name is generic here.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 50) as never)
      .execute();
  }
}

describe.each(DATABASE_KINDS)('policy in SQL agrees with policy in JS (%s)', (kind) => {
  let t: TestServer;
  let actor: Actor;
  const cases: Case[] = [];

  beforeAll(async () => {
    t = await startTestServer(kind);
    const db = t.server.database.db;
    const me = await makeUser(t);
    const other = await makeUser(t);
    const user = await db.selectFrom('users').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    actor = { user, via: 'apiKey' };
    const now = new Date().toISOString();
    const teams: Array<string | null> = [null];
    const teamRows: Record<string, unknown>[] = [];
    const memberRows: Record<string, unknown>[] = [];
    const addTeam = (membership?: { role: string; status: string }) => {
      const id = randomUUID();
      teams.push(id);
      teamRows.push({ id, name: id, created_by: other.id, created_at: now, updated_at: now });
      if (membership) {
        memberRows.push({ team_id: id, user_id: me.id, ...membership, created_at: now, updated_at: now });
      }
    };
    for (const role of TEAM_ROLES) for (const status of ['active', 'suspended']) addTeam({ role, status });
    addTeam(); // a team the user is not in
    await insertBatches(db, 'teams', teamRows);
    await insertBatches(db, 'team_members', memberRows);

    const workspaces: Record<string, unknown>[] = [];
    const roles: Record<string, unknown>[] = [];
    const collections: Record<string, unknown>[] = [];
    const elementRoles: Record<string, unknown>[] = [];
    for (const type of WORKSPACE_TYPES) {
      for (const teamId of teams) {
        for (const explicit of [null, ...WORKSPACE_ROLES]) {
          for (const owner of [me.id, other.id]) {
            const id = randomUUID();
            workspaces.push({
              id,
              name: id,
              type,
              team_id: teamId,
              owner_id: owner,
              created_at: now,
              updated_at: now,
            });
            if (explicit) roles.push({ workspace_id: id, user_id: me.id, role: explicit, created_at: now });
            const c: Case = { workspaceId: id, collectionIds: [] };
            for (const elementRole of [null, 'editor', 'viewer']) {
              const cid = randomUUID();
              c.collectionIds.push(cid);
              collections.push({
                id: cid,
                workspace_id: id,
                name: cid,
                content: '{}',
                version: 1,
                created_at: now,
                updated_at: now,
              });
              if (elementRole) {
                elementRoles.push({
                  element_type: 'collection',
                  element_id: cid,
                  user_id: me.id,
                  role: elementRole,
                  created_at: now,
                });
              }
            }
            cases.push(c);
          }
        }
      }
    }
    await insertBatches(db, 'workspaces', workspaces);
    await insertBatches(db, 'workspace_roles', roles);
    await insertBatches(db, 'collections', collections);
    await insertBatches(db, 'element_roles', elementRoles);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  async function jsRoles() {
    const db = t.server.database.db;
    const workspaces = new Map<string, WorkspaceRole | null>();
    const collections = new Map<string, WorkspaceRole | null>();
    for (const c of cases) {
      const ws = await loadWorkspace(db, actor, c.workspaceId);
      workspaces.set(c.workspaceId, ws!.resource.role);
      for (const id of c.collectionIds) {
        const el = await loadElement(db, actor, 'collection', { id, workspace_id: c.workspaceId });
        collections.set(id, el!.role);
      }
    }
    return { workspaces, collections };
  }

  function atLeast(roles: Map<string, WorkspaceRole | null>, min: WorkspaceRole): string[] {
    return [...roles]
      .filter(([, r]) => roleRank(r) >= roleRank(min))
      .map(([id]) => id)
      .sort();
  }

  it('gives the same workspaces and collections for every minimum role', async () => {
    const db = t.server.database.db;
    const js = await jsRoles();
    expect(cases.length).toBe(5 * 14 * 4 * 2);
    // The combinations reach every outcome, so agreement is not trivially "nothing visible".
    expect(new Set(js.workspaces.values())).toEqual(new Set([null, 'viewer', 'editor', 'admin']));
    for (const min of WORKSPACE_ROLES) {
      const sqlWorkspaces = await db
        .selectFrom('workspaces as w')
        .select('w.id')
        .where(workspaceRoleAtLeast('w', actor.user.id, min))
        .execute();
      expect(sqlWorkspaces.map((r) => r.id).sort()).toEqual(atLeast(js.workspaces, min));
      const sqlCollections = await db
        .selectFrom('collections as c')
        .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
        .select('c.id')
        .where(elementRoleAtLeast('collection', 'c', 'w', actor.user.id, min))
        .execute();
      expect(sqlCollections.map((r) => r.id).sort()).toEqual(atLeast(js.collections, min));
    }
  });
});
