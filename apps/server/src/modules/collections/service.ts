/**
 * Collection changes. Every save (create, replace, restore) writes the new content and a row in
 * `collection_versions` with the next version number, with its audit row, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ElementResource } from '../../policies/authorize.ts';
import { importCollection, type StoredCollection } from './importer.ts';
import type { CollectionHead } from './repository.ts';

/** Where a collection lives, for the audit row. */
interface Place {
  workspaceId: string;
  teamId: string | null;
}

function placeOf(access: ElementResource<'collection'>): Place {
  return { workspaceId: access.workspace.id, teamId: access.workspace.teamId };
}

export async function createCollection(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { place: Place; document: unknown; userId: string },
): Promise<CollectionHead> {
  const id = randomUUID();
  const stored = importCollection(input.document, id);
  const now = new Date().toISOString();
  const head: CollectionHead = {
    id,
    workspace_id: input.place.workspaceId,
    name: stored.name,
    version: 1,
    created_by: input.userId,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('collections')
      .values({ ...head, content: stored.content })
      .execute();
    await trx
      .insertInto('collection_versions')
      .values({
        collection_id: id,
        version: 1,
        content: stored.content,
        created_by: input.userId,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'collection.create',
      teamId: input.place.teamId,
      workspaceId: input.place.workspaceId,
      target: { type: 'collection', id },
      data: { name: stored.name, version: 1, bytes: stored.content.length },
    });
  });
  return head;
}

/** Writes `stored` as the collection's next version (the row lock orders concurrent saves). */
async function saveNextVersion(
  trx: Transaction<Database>,
  collectionId: string,
  stored: StoredCollection,
  userId: string,
): Promise<{ version: number; updatedAt: string }> {
  const updatedAt = new Date().toISOString();
  const { version } = await trx
    .updateTable('collections')
    .set((eb) => ({
      name: stored.name,
      content: stored.content,
      version: eb('version', '+', 1),
      updated_at: updatedAt,
    }))
    .where('id', '=', collectionId)
    .returning('version')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('collection_versions')
    .values({
      collection_id: collectionId,
      version,
      content: stored.content,
      created_by: userId,
      created_at: updatedAt,
    })
    .execute();
  return { version: Number(version), updatedAt };
}

export async function replaceCollection(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { access: ElementResource<'collection'>; document: unknown; userId: string },
): Promise<{ name: string; version: number; updatedAt: string }> {
  const stored = importCollection(input.document, input.access.id);
  const place = placeOf(input.access);
  return inTransaction(db, async (trx) => {
    const saved = await saveNextVersion(trx, input.access.id, stored, input.userId);
    await recordAudit(trx, ctx, {
      action: 'collection.update',
      teamId: place.teamId,
      workspaceId: place.workspaceId,
      target: { type: 'collection', id: input.access.id },
      data: { name: stored.name, version: saved.version, bytes: stored.content.length },
    });
    return { name: stored.name, ...saved };
  });
}

/** Makes an old version's content current again, as a new version. */
export async function restoreVersion(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { access: ElementResource<'collection'>; version: number; content: string; userId: string },
): Promise<{ name: string; version: number; updatedAt: string }> {
  const info = (JSON.parse(input.content) as { info?: { name?: unknown } }).info;
  const stored = { name: typeof info?.name === 'string' ? info.name : '', content: input.content };
  const place = placeOf(input.access);
  return inTransaction(db, async (trx) => {
    const saved = await saveNextVersion(trx, input.access.id, stored, input.userId);
    await recordAudit(trx, ctx, {
      action: 'collection.restore',
      teamId: place.teamId,
      workspaceId: place.workspaceId,
      target: { type: 'collection', id: input.access.id },
      data: { name: stored.name, restoredVersion: input.version, version: saved.version },
    });
    return { name: stored.name, ...saved };
  });
}

export async function deleteCollection(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { access: ElementResource<'collection'>; name: string },
): Promise<void> {
  const place = placeOf(input.access);
  const id = input.access.id;
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('element_roles')
      .where('element_type', '=', 'collection')
      .where('element_id', '=', id)
      .execute();
    await trx.deleteFrom('collection_versions').where('collection_id', '=', id).execute();
    await trx.deleteFrom('collections').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'collection.delete',
      teamId: place.teamId,
      workspaceId: place.workspaceId,
      target: { type: 'collection', id },
      data: { name: input.name },
    });
  });
}
