/** Queries of `secret_findings`; the list filters by the policy in SQL (policies/visibility-sql.ts). */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SecretFindingsTable } from '../../db/schema.ts';
import type { ElementType } from '../../policies/roles.ts';
import { elementRoleAtLeast } from '../../policies/visibility-sql.ts';
import { afterCursor } from '../workspaces/pagination.ts';

export type FindingRow = Selectable<SecretFindingsTable>;

/** The findings recorded for one collection or environment. */
export function findingsOfElement(
  db: Kysely<Database>,
  type: ElementType,
  id: string,
): Promise<FindingRow[]> {
  return db
    .selectFrom('secret_findings')
    .selectAll()
    .where('element_type', '=', type)
    .where('element_id', '=', id)
    .execute();
}

/** The findings recorded for the elements of a workspace (push protection reads their statuses). */
export function findingsOfWorkspace(db: Kysely<Database>, workspaceId: string): Promise<FindingRow[]> {
  return db.selectFrom('secret_findings').selectAll().where('workspace_id', '=', workspaceId).execute();
}

export function findFinding(db: Kysely<Database>, id: string): Promise<FindingRow | undefined> {
  return db.selectFrom('secret_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts findings; one already recorded for the same secret and path (a concurrent save) stays. */
export async function insertFindings(db: Kysely<Database>, rows: readonly FindingRow[]): Promise<void> {
  // Bounded batches keep each INSERT under SQLite's parameter limit.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('secret_findings')
      .values(rows.slice(i, i + 50))
      .onConflict((oc) => oc.columns(['element_type', 'element_id', 'fingerprint', 'json_path']).doNothing())
      .execute();
  }
}

export async function deleteFindings(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('secret_findings')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/** Deletes every finding of an element (with the element itself). */
export async function deleteElementFindings(
  db: Kysely<Database>,
  type: ElementType,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('secret_findings')
    .where('element_type', '=', type)
    .where('element_id', '=', id)
    .execute();
}

/** A finding in a list, with the name of its element. */
export type ListedFinding = FindingRow & { element_name: string | null };

/**
 * The findings on elements `userId` may read (through their workspace or an element role), oldest
 * first, keyset-paginated on (created_at, id); filtered in SQL.
 *
 * @example await listVisibleFindings(db, actor.user.id, { workspaceId, status: 'open', limit: 100 });
 */
export async function listVisibleFindings(
  db: Kysely<Database>,
  userId: string,
  filter: {
    workspaceId?: string | undefined;
    status?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<ListedFinding[]> {
  let query = db
    .selectFrom('secret_findings as f')
    .innerJoin('workspaces as w', 'w.id', 'f.workspace_id')
    .leftJoin('collections as c', (join) =>
      join.onRef('c.id', '=', 'f.element_id').on('f.element_type', '=', 'collection'),
    )
    .leftJoin('environments as e', (join) =>
      join.onRef('e.id', '=', 'f.element_id').on('f.element_type', '=', 'environment'),
    )
    .selectAll('f')
    .select(['c.name as collection_name', 'e.name as environment_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('c.id', 'is not', null), elementRoleAtLeast('collection', 'c', 'w', userId, 'viewer')]),
        eb.and([eb('e.id', 'is not', null), elementRoleAtLeast('environment', 'e', 'w', userId, 'viewer')]),
      ]),
    )
    .orderBy('f.created_at')
    .orderBy('f.id')
    .limit(filter.limit + 1);
  if (filter.workspaceId) query = query.where('f.workspace_id', '=', filter.workspaceId);
  if (filter.status) query = query.where('f.status', '=', filter.status);
  const after = afterCursor('f.created_at', 'f.id', filter.cursor);
  if (after) query = query.where(after);
  const rows = await query.execute();
  return rows.map(({ collection_name, environment_name, ...row }) => ({
    ...row,
    element_name: collection_name ?? environment_name ?? null,
  }));
}
