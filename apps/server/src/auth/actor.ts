/** Who is making a request, as the authentication hook resolved it. */
import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../audit/record.ts';
import { AppError } from '../errors/app-error.ts';
import type { UserRow } from '../modules/users/repository.ts';
import type { Scope } from './scopes.ts';

export interface Actor {
  user: UserRow;
  via: 'session' | 'apiKey';
  sessionId?: string;
  apiKeyId?: string;
  /** Scopes of the API key; undefined for a session (all of the user's rights). */
  scopes?: ReadonlySet<Scope>;
}

/** How a route is protected; every route states it in `config`. */
export interface RouteSecurity {
  /** `none`: public; `optional`: actor if any; `required` (default): 401 without one. */
  auth?: 'none' | 'optional' | 'required';
  /** The API-key scope the route needs (sessions pass). */
  scope?: Scope;
  /** The audit action a mutating route writes (the route-enumeration test checks it is there). */
  audit?: string | readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig extends RouteSecurity {}
}

/** The signed-in actor; routes with `auth: 'required'` can rely on it. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('route needs auth: required');
  return req.actor;
}

/** The actor, client IP and user agent for audit rows. */
export function auditContext(req: FastifyRequest): AuditContext {
  const user = req.actor?.user;
  return {
    actor: user ? { id: user.id, email: user.email, name: user.name } : null,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
  };
}

/**
 * The actor of a route that changes how the account signs in (password, MFA): only a password
 * session may do that, never an API key.
 *
 * @example const actor = sessionActorOf(req); // 403 forbidden for X-API-Key callers
 */
export function sessionActorOf(req: FastifyRequest): Actor & { sessionId: string } {
  const actor = actorOf(req);
  if (actor.via !== 'session' || !actor.sessionId)
    throw new AppError('forbidden', 'Sign in with your password to change how you sign in; API keys cannot');
  return actor as Actor & { sessionId: string };
}
