/** Request shapes of the run route. */
import { z } from 'zod';

/** The most iterations one server-side run may have. */
export const MAX_ITERATIONS = 100;

export const RunBody = z
  .object({
    environmentId: z.uuid().optional(),
    iterationCount: z.number().int().min(1).max(MAX_ITERATIONS).optional(),
    /** Folder or request names or ids (`--folder`, repeatable). */
    folder: z
      .union([z.string().min(1).max(1000), z.array(z.string().min(1).max(1000)).min(1).max(50)])
      .optional(),
  })
  .strict();
export type RunBody = z.infer<typeof RunBody>;
