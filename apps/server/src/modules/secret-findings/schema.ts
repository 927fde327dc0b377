/** Request shapes of the secret-findings routes. */
import { z } from 'zod';
import { pageQuery } from '../workspaces/pagination.ts';
import { FINDING_STATUSES } from './statuses.ts';

export const FindingIdParams = z.object({ id: z.uuid() });

export const ListFindingsQuery = z.object({
  workspace: z.uuid().optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  ...pageQuery,
});

export const UpdateFindingBody = z.object({
  status: z.enum(FINDING_STATUSES),
  /** Why (a comment for the trail and the team); kept with the finding. */
  reason: z.string().trim().max(1000).optional(),
});
