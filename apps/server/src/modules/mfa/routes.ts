/** /api/me/mfa/totp: enrol, confirm, turn off (API.md "Accounts"). Password sessions only. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { auditContext, sessionActorOf } from '../../auth/actor.ts';
import { deliver } from '../../mail/deliver.ts';
import { securityNoticeMail } from '../../mail/templates.ts';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './service.ts';

const Code = z.string().min(1).max(20);
const DisableBody = z.union([
  z.object({ code: Code }).strict(),
  z.object({ password: z.string().min(1).max(1000) }).strict(),
]);

export const mfaRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const mfa = { db: deps.database.db, keyring: deps.keyring };

  app.post('/api/me/mfa/totp', { config: { audit: 'user.mfa_setup' } }, async (req) =>
    startTotpEnrolment(mfa, auditContext(req), sessionActorOf(req).user),
  );

  app.post(
    '/api/me/mfa/totp/confirm',
    {
      schema: { body: z.object({ code: Code }) },
      config: { audit: ['user.mfa_enabled', 'user.mfa_failed'] },
    },
    async (req) => {
      const { user } = sessionActorOf(req);
      const recoveryCodes = await confirmTotpEnrolment(mfa, auditContext(req), user, req.body.code);
      deliver(deps.mailer, req.log, securityNoticeMail(user, { kind: 'mfa_enabled' }, auditContext(req)));
      return { recoveryCodes };
    },
  );

  app.delete(
    '/api/me/mfa/totp',
    { schema: { body: DisableBody }, config: { audit: ['user.mfa_disabled', 'user.mfa_failed'] } },
    async (req, reply) => {
      const { user } = sessionActorOf(req);
      await disableTotp(mfa, auditContext(req), reply, user, req.body);
      deliver(deps.mailer, req.log, securityNoticeMail(user, { kind: 'mfa_disabled' }, auditContext(req)));
      return reply.code(204).send();
    },
  );
};
