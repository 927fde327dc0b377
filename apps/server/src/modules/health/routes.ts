import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';

export const healthRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { auth: 'none' },
      schema: {
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.enum(['sqlite', 'postgres']),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, version: deps.version, database: deps.database.kind }),
  );
};
