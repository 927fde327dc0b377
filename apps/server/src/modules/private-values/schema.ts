/** Request shapes of the private-value routes. */
import { z } from 'zod';

export const EnvironmentIdParams = z.object({ id: z.uuid() });
export const VariableParams = z.object({ id: z.uuid(), key: z.string().min(1).max(1000) });
export const RevealQuery = z.object({ reveal: z.enum(['true', 'false']).optional() });
export const PrivateValueBody = z.object({
  /** Postman values may be numbers or booleans; stored as text. */
  value: z.union([z.string().max(1_000_000), z.number(), z.boolean()]),
});
