/**
 * Authentication for every route: an `X-API-Key` header or the session cookie becomes
 * `req.actor`; cookie-authenticated unsafe methods must carry the session's CSRF token; each
 * route's `config.auth` and `config.scope` are enforced before its handler runs.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { OpenDatabase } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { findLiveApiKey, keyScopesShared } from './api-keys.ts';
import { enforceMfaPolicy } from './mfa-policy.ts';
import { csrfMatches, findLiveSession, SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authPlugin(app: FastifyInstance, opts: { database: OpenDatabase; secureCookies: boolean }) {
  const db = opts.database.db;
  await app.register(cookie);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // Unknown routes fall through to the 404 handler.
    if (req.routeOptions.url === undefined) return;
    const mode = req.routeOptions.config?.auth ?? 'required';
    if (mode === 'none') return;
    await resolveActor(req, reply);
    if (!req.actor) {
      if (mode === 'required') throw new AppError('unauthenticated', 'Sign in or send an X-API-Key header');
      return;
    }
    const scope = req.routeOptions.config?.scope;
    if (scope && req.actor.scopes && !req.actor.scopes.has(scope)) {
      throw new AppError('forbidden', `This API key lacks the "${scope}" scope`);
    }
  });

  // After authentication (and each route's own onRequest work): the team policy "require 2FA".
  app.addHook('preHandler', async (req: FastifyRequest) => {
    await enforceMfaPolicy(req, db);
  });

  async function resolveActor(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers['x-api-key'];
    if (header !== undefined) {
      const key = Array.isArray(header) ? header[0] : header;
      // The key and its owner in one query, read on every request: a revoked key or a suspended
      // owner stops at the next request (nothing about either is cached).
      const found = key ? await findLiveApiKey(db, key, req.ip) : undefined;
      if (found?.user.status !== 'active') {
        throw new AppError('unauthenticated', 'The API key is not valid (unknown, revoked or expired)');
      }
      req.actor = {
        user: found.user,
        via: 'apiKey',
        apiKeyId: found.key.id,
        scopes: keyScopesShared(found.key),
      };
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await findLiveSession(db, token);
    if (found?.user.status !== 'active') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    const { session, user } = found;
    if (!SAFE_METHODS.has(req.method) && !csrfMatches(session, headerValue(req.headers['x-csrf-token']))) {
      throw new AppError(
        'csrfFailed',
        'Missing or wrong X-CSRF-Token header for a cookie-authenticated request',
      );
    }
    req.actor = { user, via: 'session', sessionId: session.id };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure on https). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export const authentication = fp(authPlugin, { name: 'postern-auth' });
