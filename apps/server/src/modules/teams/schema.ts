/** Request shapes of the team routes (API.md "Teams and workspaces"). */
import { z } from 'zod';
import { MEMBER_STATUSES, TEAM_ROLES } from '../../policies/roles.ts';
import { pageQuery } from '../workspaces/pagination.ts';

export const TeamIdParams = z.object({ id: z.uuid() });
export const MemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const CreateTeamBody = z.object({ team: z.object({ name: z.string().trim().min(1).max(200) }) });
export const UpdateTeamBody = CreateTeamBody;

export const UpdateMemberBody = z
  .object({ role: z.enum(TEAM_ROLES).optional(), status: z.enum(MEMBER_STATUSES).optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, { message: 'Give a role or a status' });

export const PolicyBody = z
  .object({
    requireMfa: z.boolean().optional(),
    /** The longest API-key lifetime members may hold, in days; null removes the cap. */
    maxApiKeyDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .refine((b) => b.requireMfa !== undefined || b.maxApiKeyDays !== undefined, {
    message: 'Give requireMfa or maxApiKeyDays',
  });

export const ListQuery = z.object(pageQuery);
