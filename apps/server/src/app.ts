/**
 * Builds the Fastify application: schema-first routes (zod), security headers, one error format.
 * Each feature registers itself from `modules/<feature>/routes.ts`.
 */
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerConfig } from './config.ts';
import type { OpenDatabase } from './db/database.ts';
import { registerErrorHandler } from './errors/handler.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { setupRoutes } from './modules/setup/routes.ts';

export interface AppDeps {
  config: ServerConfig;
  database: OpenDatabase;
  version: string;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
    hsts: deps.config.publicUrl.startsWith('https:'),
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  registerErrorHandler(app);
  await app.register(healthRoutes, deps);
  await app.register(setupRoutes, deps);
  return app;
}
