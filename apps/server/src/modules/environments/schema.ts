/** Request shapes of the environment routes (API.md "Collections and environments"). */
import { z } from 'zod';
import { pageQuery } from '../workspaces/pagination.ts';
import { DisplayName } from '../workspaces/schema.ts';

export const EnvironmentIdParams = z.object({ id: z.uuid() });
export const ListQuery = z.object({ workspace: z.uuid().optional(), ...pageQuery });
export const WorkspaceQuery = z.object({ workspace: z.uuid() });
export const ReadQuery = z.object({ reveal: z.enum(['true', 'false']).optional() });

/** Postman writes `default` or `secret` (older files `text` or `any`, read as default). */
const VariableType = z.enum(['default', 'secret', 'text', 'any']);

export const VariableInput = z.object({
  key: z.string().min(1).max(1000),
  /** Postman files may hold numbers or booleans; stored as text. A secret sent as null keeps its stored value. */
  value: z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()]).optional(),
  type: VariableType.default('default'),
  enabled: z.boolean().default(true),
});
export type VariableInput = z.infer<typeof VariableInput>;

export const EnvironmentBody = z.object({
  environment: z.object({
    name: DisplayName,
    values: z.array(VariableInput).max(5000).default([]),
  }),
});
