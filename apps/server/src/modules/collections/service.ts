/**
 * Collection changes. Every save (create, replace, restore) writes the new content and a row in
 * `collection_versions` with the next version number, with its audit row, in one transaction.
 * Create and replace scan the stored JSON for secrets first and record the findings in the same
 * transaction (secret-findings/record.ts): the save succeeds and answers with warnings.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ElementResource } from '../../policies/authorize.ts';
import { recordFindings, type SaveScan } from '../secret-findings/record.ts';
import { deleteElementFindings } from '../secret-findings/repository.ts';
import { scanCollectionContent } from '../secret-findings/scan.ts';
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

/** A new collection's head (version 1) in `workspaceId`. */
export function newCollectionHead(
  id: string,
  name: string,
  workspaceId: string,
  userId: string,
): CollectionHead {
  const now = new Date().toISOString();
  return {
    id,
    workspace_id: workspaceId,
    name,
    version: 1,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Inserts a new collection and its version 1 inside `trx` (create, and the copy of a share).
 *
 * @example await insertCollection(trx, newCollectionHead(id, stored.name, ws.id, userId), stored.content);
 */
export async function insertCollection(trx: Transaction<Database>, head: CollectionHead, content: string) {
  await trx
    .insertInto('collections')
    .values({ ...head, content })
    .execute();
  await trx
    .insertInto('collection_versions')
    .values({
      collection_id: head.id,
      version: 1,
      content,
      created_by: head.created_by,
      created_at: head.created_at,
    })
    .execute();
}

export async function createCollection(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  input: { place: Place; document: unknown; userId: string },
): Promise<{ head: CollectionHead; scan: SaveScan }> {
  const id = randomUUID();
  const stored = importCollection(input.document, id);
  const found = scanCollectionContent(stored.content);
  const head = newCollectionHead(id, stored.name, input.place.workspaceId, input.userId);
  const element = { type: 'collection', id, name: stored.name, ...input.place } as const;
  const scan = await inTransaction(db, async (trx) => {
    await insertCollection(trx, head, stored.content);
    const recorded = await recordFindings(trx, keyring, element, found);
    await recordAudit(trx, ctx, {
      action: 'collection.create',
      teamId: input.place.teamId,
      workspaceId: input.place.workspaceId,
      target: { type: 'collection', id },
      data: { name: stored.name, version: 1, bytes: stored.content.length },
    });
    return recorded;
  });
  return { head, scan };
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
  keyring: Keyring,
  input: { access: ElementResource<'collection'>; document: unknown; userId: string },
): Promise<{ name: string; version: number; updatedAt: string; scan: SaveScan }> {
  const stored = importCollection(input.document, input.access.id);
  return saveScannedVersion(db, ctx, keyring, input.access, stored, input.userId, (saved) => ({
    action: 'collection.update',
    data: { name: stored.name, version: saved.version, bytes: stored.content.length },
  }));
}

/** Makes an old version's content current again, as a new version (scanned like any save). */
export async function restoreVersion(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  input: { access: ElementResource<'collection'>; version: number; content: string; userId: string },
): Promise<{ name: string; version: number; updatedAt: string; scan: SaveScan }> {
  const info = (JSON.parse(input.content) as { info?: { name?: unknown } }).info;
  const stored = { name: typeof info?.name === 'string' ? info.name : '', content: input.content };
  return saveScannedVersion(db, ctx, keyring, input.access, stored, input.userId, (saved) => ({
    action: 'collection.restore',
    data: { name: stored.name, restoredVersion: input.version, version: saved.version },
  }));
}

/** One save: the next version, its secret findings and its audit row, in one transaction. */
async function saveScannedVersion(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  access: ElementResource<'collection'>,
  stored: { name: string; content: string },
  userId: string,
  audit: (saved: { version: number }) => {
    action: 'collection.update' | 'collection.restore';
    data: Record<string, unknown>;
  },
): Promise<{ name: string; version: number; updatedAt: string; scan: SaveScan }> {
  const found = scanCollectionContent(stored.content);
  const place = placeOf(access);
  const element = { type: 'collection', id: access.id, name: stored.name, ...place } as const;
  return inTransaction(db, async (trx) => {
    const saved = await saveNextVersion(trx, access.id, stored, userId);
    const scan = await recordFindings(trx, keyring, element, found);
    await recordAudit(trx, ctx, {
      ...audit(saved),
      teamId: place.teamId,
      workspaceId: place.workspaceId,
      target: { type: 'collection', id: access.id },
    });
    return { name: stored.name, ...saved, scan };
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
    await deleteElementFindings(trx, 'collection', id);
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
