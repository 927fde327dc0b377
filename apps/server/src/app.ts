/**
 * Builds the Fastify application: schema-first routes (zod), security headers, one error format.
 * Each feature registers itself from `modules/<feature>/routes.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import type { AuditSigner } from './audit/signing-key.ts';
import { authentication } from './auth/plugin.ts';
import type { ServerConfig } from './config.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { OpenDatabase } from './db/database.ts';
import { frameworkErrors, registerErrorHandler } from './errors/handler.ts';
import type { Mailer } from './mail/mailer.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { apiKeyRoutes } from './modules/api-keys/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { collectionRoutes } from './modules/collections/routes.ts';
import { environmentRoutes } from './modules/environments/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { invitationRoutes } from './modules/invitations/routes.ts';
import { meRoutes } from './modules/me/routes.ts';
import { mfaRoutes } from './modules/mfa/routes.ts';
import { passwordRoutes } from './modules/password/routes.ts';
import { privateValueRoutes } from './modules/private-values/routes.ts';
import { pushProtectionRoutes } from './modules/push-protection/routes.ts';
import { runRoutes } from './modules/runs/routes.ts';
import { secretFindingRoutes } from './modules/secret-findings/routes.ts';
import { setupRoutes } from './modules/setup/routes.ts';
import { signupRoutes } from './modules/signup/routes.ts';
import { teamRoutes } from './modules/teams/routes.ts';
import { workspaceRoutes } from './modules/workspaces/routes.ts';
import { openApiRoute, registerOpenApi } from './openapi.ts';
import { type RegisteredRoute, recordRoutes } from './route-registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

export interface AppDeps {
  config: ServerConfig;
  database: OpenDatabase;
  /** Envelope encryption of secrets at rest (see crypto/keyring.ts). */
  keyring: Keyring;
  /** Outgoing mail: SMTP or the outbox folder (see mail/create-mailer.ts). */
  mailer: Mailer;
  /** Signs audit checkpoints (audit/signing-key.ts). */
  auditSigner: AuditSigner;
  version: string;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Helmet's security headers, worked out once (they do not vary by request: no CSP nonces) and
  // set on every response, 404s and errors included.
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
    hsts: deps.config.publicUrl.startsWith('https:'),
  });
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  registerErrorHandler(app);
  app.decorate('registeredRoutes', recordRoutes(app));
  if (deps.config.corsOrigins.length > 0) {
    await app.register(cors, { origin: deps.config.corsOrigins, credentials: true });
  }
  await registerOpenApi(app, deps.version);
  await app.register(authentication, {
    database: deps.database,
    secureCookies: deps.config.publicUrl.startsWith('https:'),
  });
  // Every feature module; each route states its auth, API-key scope and audit action in `config`.
  for (const routes of [
    healthRoutes,
    setupRoutes,
    authRoutes,
    signupRoutes,
    passwordRoutes,
    meRoutes,
    mfaRoutes,
    apiKeyRoutes,
    auditRoutes,
    adminRoutes,
    teamRoutes,
    invitationRoutes,
    workspaceRoutes,
    collectionRoutes,
    environmentRoutes,
    privateValueRoutes,
    runRoutes,
    secretFindingRoutes,
    pushProtectionRoutes,
  ]) {
    await app.register(routes, deps);
  }
  openApiRoute(app);
  return app;
}

/** The headers helmet sets for `options`, recorded from one run against a stand-in response. */
function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}
