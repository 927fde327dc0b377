import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { auditContext } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { presentUser } from '../users/repository.ts';
import { setupPage } from './page.ts';
import { completeSetup } from './service.ts';

const SetupBody = z.object({
  token: z.string().min(1).max(200),
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const setupRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.post(
    '/api/setup',
    { schema: { body: SetupBody }, config: { auth: 'none', audit: 'setup.admin_create' } },
    async (req, reply) => {
      const user = await completeSetup(db, auditContext(req), req.body);
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

  app.get(
    '/setup',
    {
      config: { auth: 'none' },
      schema: { querystring: z.object({ token: z.string().max(200).default('') }) },
    },
    async (req, reply) => reply.type('text/html').send(setupPage(req.query.token)),
  );

  app.post('/setup', { config: { auth: 'none', audit: 'setup.admin_create' } }, async (req, reply) => {
    const parsed = SetupBody.safeParse(req.body);
    const token =
      typeof (req.body as { token?: unknown })?.token === 'string'
        ? (req.body as { token: string }).token
        : '';
    if (!parsed.success)
      return reply.code(400).type('text/html').send(setupPage(token, 'Please fill in every field.'));
    try {
      await completeSetup(db, auditContext(req), parsed.data);
    } catch (err) {
      if (err instanceof AppError)
        return reply.code(err.status).type('text/html').send(setupPage(token, err.message));
      throw err;
    }
    return reply
      .type('text/html')
      .send('<!doctype html><p>The administrator is created. You can sign in now.</p>');
  });
};
