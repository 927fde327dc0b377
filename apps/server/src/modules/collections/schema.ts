/** Request shapes of the collection routes (API.md "Collections and environments"). */
import { z } from 'zod';
import { pageQuery } from '../workspaces/pagination.ts';

export const CollectionIdParams = z.object({ id: z.uuid() });
export const VersionParams = z.object({
  id: z.uuid(),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

export const ListQuery = z.object({ workspace: z.uuid().optional(), ...pageQuery });
export const WorkspaceQuery = z.object({ workspace: z.uuid() });

/** The collection itself is checked by @postern/collection (collectionImporter), not by zod. */
export const CollectionBody = z.object({ collection: z.record(z.string(), z.unknown()) });

export const VersionsQuery = z.object(pageQuery);
