/** Password reset by mail (public) and password change (signed in): API.md "Accounts". */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { auditContext, sessionActorOf } from '../../auth/actor.ts';
import { EMAIL_TOKEN_TTL_MS } from '../../auth/email-tokens.ts';
import { deliver } from '../../mail/deliver.ts';
import { passwordResetMail, securityNoticeMail } from '../../mail/templates.ts';
import { authRateLimit, useAuthRateLimit } from '../auth/rate-limit.ts';
import { presentUser } from '../users/repository.ts';
import { MAX_PASSWORD_LENGTH } from './policy.ts';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './service.ts';

const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const passwordRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  await useAuthRateLimit(app);
  const rateLimit = authRateLimit(deps.config.authRateLimit);

  app.post(
    '/api/auth/password-reset',
    {
      schema: { body: z.object({ email: z.string().trim().min(1).max(320) }) },
      config: { auth: 'none', audit: 'user.password_reset_request', rateLimit },
    },
    async (req, reply) => {
      const ctx = auditContext(req);
      // The answer leaves before any lookup: neither its content nor its timing tells whether
      // the address has an account.
      void requestPasswordReset(db, ctx, req.body.email)
        .then((issued) => {
          if (!issued) return;
          const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(issued.token)}`;
          deliver(
            deps.mailer,
            req.log,
            passwordResetMail(issued.user, link, EMAIL_TOKEN_TTL_MS.password_reset / 60_000),
          );
        })
        .catch((err: unknown) => req.log.error({ err }, 'password reset request failed'));
      return reply.code(202).send({});
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: { body: z.object({ token: z.string().min(1).max(200), password: Password }) },
      config: { auth: 'none', audit: 'user.password_reset', rateLimit },
    },
    async (req) => {
      const user = await confirmPasswordReset(db, auditContext(req), req.body);
      deliver(deps.mailer, req.log, securityNoticeMail(user, { kind: 'password_reset' }, auditContext(req)));
      return { user: presentUser(user) };
    },
  );

  app.post(
    '/api/me/password',
    {
      schema: { body: z.object({ currentPassword: Password, newPassword: Password }) },
      config: { audit: 'user.password_change' },
    },
    async (req, reply) => {
      const actor = sessionActorOf(req);
      await changePassword(db, auditContext(req), reply, actor, req.body);
      deliver(
        deps.mailer,
        req.log,
        securityNoticeMail(actor.user, { kind: 'password_changed' }, auditContext(req)),
      );
      return reply.code(204).send();
    },
  );
};
