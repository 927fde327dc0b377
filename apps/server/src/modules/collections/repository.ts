/** Collection and version queries. */
import type { Kysely, Selectable } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { CollectionsTable, Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

export type CollectionRow = Selectable<CollectionsTable>;
export type CollectionHead = Omit<CollectionRow, 'content'>;

const HEAD = ['id', 'workspace_id', 'name', 'version', 'created_by', 'created_at', 'updated_at'] as const;

const headById = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('collections').select(HEAD).where('id', '=', p.id),
);

const rowById = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('collections').selectAll().where('id', '=', p.id),
);

/** The collection without its content (for authorization and small answers). */
export function findCollectionHead(db: Kysely<Database>, id: string): Promise<CollectionHead | undefined> {
  return headById.first(db, { id });
}

/** The collection with its content (v2.1 JSON text), in one query. */
export function findCollection(db: Kysely<Database>, id: string): Promise<CollectionRow | undefined> {
  return rowById.first(db, { id });
}

export async function collectionContent(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('collections').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content;
}

function decodeVersionCursor(cursor: string): number {
  const version = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(version) || version < 1)
    throw new AppError('invalidParams', 'The cursor is not valid');
  return version;
}

/** Versions newest first (keyset on the version number). */
export async function listVersions(
  db: Kysely<Database>,
  collectionId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  let query = db
    .selectFrom('collection_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.created_by', 'u.email as created_by_email', 'v.created_at'])
    .where('v.collection_id', '=', collectionId)
    .orderBy('v.version', 'desc')
    .limit(page.limit + 1);
  if (page.cursor) query = query.where('v.version', '<', decodeVersionCursor(page.cursor));
  const rows = await query.execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? Buffer.from(String(last.version)).toString('base64url') : null;
  return { items, nextCursor };
}

export async function findVersion(db: Kysely<Database>, collectionId: string, version: number) {
  return db
    .selectFrom('collection_versions')
    .selectAll()
    .where('collection_id', '=', collectionId)
    .where('version', '=', version)
    .executeTakeFirst();
}
