/**
 * Sharing a collection: a copy goes into another workspace the caller may add elements to
 * (`POST /api/collections/:id/share`). A share outside the collection's team — into a workspace of
 * another team (or of none), or into a public or partner workspace — is guarded by push
 * protection. The copy's findings start with the statuses of the original's.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireElement, requireWorkspace } from '../../policies/require.ts';
import { importCollection } from '../collections/importer.ts';
import { type CollectionHead, collectionContent, findCollectionHead } from '../collections/repository.ts';
import { insertCollection, newCollectionHead } from '../collections/service.ts';
import { recordFindings, type SaveScan } from '../secret-findings/record.ts';
import { findingsOfElement } from '../secret-findings/repository.ts';
import { findingKey, pathOf, scanCollectionContent } from '../secret-findings/scan.ts';
import { asFindingStatus, type InitialStatus } from '../secret-findings/statuses.ts';
import type { ExposureChange } from './change.ts';
import { enforcePushProtection } from './enforce.ts';
import { collectionExposures } from './exposure.ts';
import { currentGuard } from './guard.ts';
import { EXPOSING_TYPES } from './visibility-check.ts';

/**
 * Copies collection `collectionId` into workspace `workspaceId` (read on the collection, element
 * creation in the target); run it inside `withPushProtection` so a bypass can apply.
 *
 * @example
 * const { head, scan } = await withPushProtection(deps, req, req.body.bypass, () =>
 *   shareCollection(db, auditContext(req), deps.keyring, actor, { collectionId, workspaceId }));
 */
export async function shareCollection(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  actor: Actor,
  input: { collectionId: string; workspaceId: string },
): Promise<{ head: CollectionHead; scan: SaveScan }> {
  const source = await findCollectionHead(db, input.collectionId);
  const access = await requireElement(db, actor, 'collection', source, 'read');
  const target = await requireWorkspace(db, actor, input.workspaceId, 'workspace.elements.create');
  if (target.row.id === access.workspace.id) {
    throw new AppError('invalidParams', 'workspaceId: the collection is already in that workspace');
  }
  const content = await collectionContent(db, access.id);
  const home = await db
    .selectFrom('workspaces')
    .select(['name'])
    .where('id', '=', access.workspace.id)
    .executeTakeFirst();
  if (content === undefined || !home) throw new AppError('notFound', 'No such collection');
  const id = randomUUID();
  const stored = importCollection(JSON.parse(content), id);
  // The copy differs only by its id (same length): one scan serves the original and the copy.
  const found = scanCollectionContent(stored.content);
  const outside =
    target.row.team_id !== access.workspace.teamId || EXPOSING_TYPES.has(target.resource.workspaceType);
  const change: ExposureChange = {
    kind: 'share',
    workspace: {
      id: access.workspace.id,
      name: home.name,
      teamId: access.workspace.teamId,
      ownerId: access.workspace.ownerId,
    },
    collection: { id: access.id, name: stored.name },
    target: {
      id: target.row.id,
      name: target.row.name,
      type: target.resource.workspaceType,
      teamId: target.row.team_id,
    },
  };
  const head = newCollectionHead(id, stored.name, target.row.id, actor.user.id);
  const copy = {
    type: 'collection',
    id,
    name: stored.name,
    workspaceId: target.row.id,
    teamId: target.row.team_id,
  } as const;
  return inTransaction(db, async (trx) => {
    if (outside) {
      const original = { type: 'collection' as const, id: access.id, name: stored.name };
      await enforcePushProtection(
        trx,
        currentGuard(),
        change,
        await collectionExposures(trx, original, found),
      );
    }
    const statuses = new Map<string, InitialStatus>(
      (await findingsOfElement(trx, 'collection', access.id)).map((row) => [
        findingKey(row.fingerprint, row.json_path),
        { status: asFindingStatus(row.status), reason: row.reason, resolvedBy: row.resolved_by },
      ]),
    );
    await insertCollection(trx, head, stored.content);
    const scan = await recordFindings(trx, keyring, copy, found, {
      initialStatus: (f) => statuses.get(findingKey(f.fingerprint, pathOf(f))),
    });
    await recordAudit(trx, ctx, {
      action: 'collection.share',
      teamId: access.workspace.teamId,
      workspaceId: access.workspace.id,
      target: { type: 'collection', id: access.id },
      data: {
        name: stored.name,
        copyId: id,
        targetWorkspaceId: target.row.id,
        targetTeamId: target.row.team_id,
        outsideTeam: outside,
      },
    });
    await recordAudit(trx, ctx, {
      action: 'collection.create',
      teamId: target.row.team_id,
      workspaceId: target.row.id,
      target: { type: 'collection', id },
      data: { name: stored.name, version: 1, bytes: stored.content.length, sharedFrom: access.id },
    });
    return { head, scan };
  });
}
