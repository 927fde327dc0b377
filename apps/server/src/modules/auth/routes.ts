/** Sign-in (password, then TOTP or a recovery code when MFA is on) and sign-out (API.md "Accounts"). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { assertLoginAllowed } from '../../auth/login-throttle.ts';
import { setSessionCookie } from '../../auth/plugin.ts';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { inTransaction } from '../../db/transaction.ts';
import { deliver } from '../../mail/deliver.ts';
import { securityNoticeMail } from '../../mail/templates.ts';
import { presentUser, type UserRow } from '../users/repository.ts';
import { completeMfaLogin } from './mfa-login.ts';
import { authRateLimit, useAuthRateLimit } from './rate-limit.ts';
import { login } from './service.ts';
import type { StartedSession } from './start-session.ts';

const LoginBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});
const MfaToken = z.string().min(1).max(200);
const MfaBody = z.union([
  z.object({ mfaToken: MfaToken, code: z.string().min(1).max(20) }).strict(),
  z.object({ mfaToken: MfaToken, recoveryCode: z.string().min(1).max(40) }).strict(),
]);

export const authRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const secure = deps.config.publicUrl.startsWith('https:');
  const limit = authRateLimit(deps.config.authRateLimit);
  await useAuthRateLimit(app);

  /** Sets the cookie, sends the new-device notice, and answers like API.md's login. */
  const signedIn = (req: FastifyRequest, reply: FastifyReply, user: UserRow, started: StartedSession) => {
    setSessionCookie(reply, started.session.token, secure);
    if (started.newDevice)
      deliver(deps.mailer, req.log, securityNoticeMail(user, { kind: 'new_sign_in' }, auditContext(req)));
    return { user: presentUser(user), csrfToken: started.session.session.csrf_token };
  };

  app.post(
    '/api/auth/login',
    {
      schema: { body: LoginBody },
      config: { auth: 'none', audit: ['user.login', 'user.login_failed'], rateLimit: limit },
    },
    async (req, reply) => {
      await assertLoginAllowed(db, { email: req.body.email, ip: req.ip }, reply);
      const result = await login(db, auditContext(req), req.body);
      if (result.kind === 'mfaRequired') return { mfaRequired: true, mfaToken: result.mfaToken };
      return signedIn(req, reply, result.user, result);
    },
  );

  app.post(
    '/api/auth/login/mfa',
    {
      schema: { body: MfaBody },
      config: { auth: 'none', audit: ['user.login', 'user.mfa_failed'], rateLimit: limit },
    },
    async (req, reply) => {
      const result = await completeMfaLogin(db, deps.keyring, auditContext(req), reply, req.body);
      if (result.recoveryCodesLeft !== undefined) {
        const notice = { kind: 'recovery_code_used', remaining: result.recoveryCodesLeft } as const;
        deliver(deps.mailer, req.log, securityNoticeMail(result.user, notice, auditContext(req)));
      }
      return signedIn(req, reply, result.user, result);
    },
  );

  app.post('/api/auth/logout', { config: { audit: 'user.logout' } }, async (req, reply) => {
    const actor = actorOf(req);
    await inTransaction(db, async (trx) => {
      if (actor.sessionId) {
        await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date().toISOString() })
          .where('id', '=', actor.sessionId)
          .execute();
      }
      await recordAudit(trx, auditContext(req), {
        action: 'user.logout',
        target: { type: 'user', id: actor.user.id },
      });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
};
