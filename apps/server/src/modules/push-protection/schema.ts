/** Request shapes of push protection: the bypass a change may carry, and the share route's body. */
import { z } from 'zod';
import { BYPASS_REASONS } from '../secret-findings/statuses.ts';

/** `{bypass: {reason, comment?}}` in the body of a change push protection may block. */
export const BypassInput = z.object({
  reason: z.enum(BYPASS_REASONS),
  comment: z.string().trim().max(1000).optional(),
});
export type Bypass = z.infer<typeof BypassInput>;

export const ShareParams = z.object({ id: z.uuid() });

export const ShareBody = z.object({
  /** The workspace the collection is copied into (the caller must be able to add elements there). */
  workspaceId: z.uuid(),
  bypass: BypassInput.optional(),
});
