/** POST /api/auth/signup and /api/auth/verify-email (API.md "Accounts"). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { auditContext } from '../../auth/actor.ts';
import { EMAIL_TOKEN_TTL_MS } from '../../auth/email-tokens.ts';
import { deliver } from '../../mail/deliver.ts';
import { verifyEmailMail } from '../../mail/templates.ts';
import { authRateLimit, useAuthRateLimit } from '../auth/rate-limit.ts';
import { MAX_PASSWORD_LENGTH } from '../password/policy.ts';
import { presentUser } from '../users/repository.ts';
import { signUp, verifyEmail } from './service.ts';

const SignupBody = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  name: z.string().trim().min(1).max(200),
  invitation: z.string().min(1).max(200).optional(),
});
const TokenBody = z.object({ token: z.string().min(1).max(200) });

export const signupRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  await useAuthRateLimit(app);

  app.post(
    '/api/auth/signup',
    {
      schema: { body: SignupBody },
      config: { auth: 'none', audit: 'user.signup', rateLimit: authRateLimit(deps.config.authRateLimit) },
    },
    async (req, reply) => {
      const { user, token } = await signUp(db, auditContext(req), req.body);
      const link = `${deps.config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
      deliver(deps.mailer, req.log, verifyEmailMail(user, link, EMAIL_TOKEN_TTL_MS.verify_email / 3_600_000));
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      schema: { body: TokenBody },
      config: {
        auth: 'none',
        audit: 'user.verify_email',
        rateLimit: authRateLimit(deps.config.authRateLimit),
      },
    },
    async (req) => ({ user: presentUser(await verifyEmail(db, auditContext(req), req.body.token)) }),
  );
};
