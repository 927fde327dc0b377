/** Request shapes of the workspace routes (API.md "Teams and workspaces"). */
import { z } from 'zod';
import { WORKSPACE_ROLES, WORKSPACE_TYPES } from '../../policies/roles.ts';
import { BypassInput } from '../push-protection/schema.ts';
import { pageQuery } from './pagination.ts';

/** A display name: one line of text. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const IdParams = z.object({ id: z.uuid() });

export const CreateWorkspaceBody = z.object({
  workspace: z.object({
    name: DisplayName,
    type: z.enum(WORKSPACE_TYPES).default('personal'),
    teamId: z.uuid().optional(),
    description: z.string().max(10_000).optional(),
  }),
});

export const UpdateWorkspaceBody = z.object({
  workspace: z.object({
    name: DisplayName.optional(),
    type: z.enum(WORKSPACE_TYPES).optional(),
    teamId: z.uuid().nullable().optional(),
    description: z.string().max(10_000).optional(),
  }),
  /** Goes past push protection when the new type would expose secrets (audited, team admins told). */
  bypass: BypassInput.optional(),
});

export const ListWorkspacesQuery = z.object({
  type: z.enum(WORKSPACE_TYPES).optional(),
  teamId: z.uuid().optional(),
  ...pageQuery,
});

export const WorkspaceRolesBody = z.object({
  roles: z
    .array(z.object({ userId: z.uuid(), role: z.enum(WORKSPACE_ROLES).nullable() }))
    .min(1)
    .max(500),
});
