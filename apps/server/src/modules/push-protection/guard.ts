/**
 * The request-scoped side of push protection. A route whose change may expose content runs it in
 * `withPushProtection`: the check (called deep inside the change, e.g. by the workspace visibility
 * hook) finds the caller's bypass and the keyring in the async context; bypass notices leave only
 * once the change has committed; and a refused change (SecretsDetectedError) leaves its
 * `push_protection.block` audit row, written in its own transaction after the change rolled back.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import { inTransaction } from '../../db/transaction.ts';
import { deliver } from '../../mail/deliver.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import { SecretsDetectedError } from './errors.ts';
import type { Bypass } from './schema.ts';

/** What the check needs from the request that makes the change. */
export interface ExposureGuard {
  keyring: Keyring;
  ctx: AuditContext;
  actor: { id: string; email: string };
  bypass: Bypass | undefined;
  /** Mails to send once the change has committed. */
  mail: MailMessage[];
}

const storage = new AsyncLocalStorage<ExposureGuard>();

/** The guard of the request running the current change; undefined outside `withPushProtection`. */
export function currentGuard(): ExposureGuard | undefined {
  return storage.getStore();
}

/**
 * Runs `work` (a change that may expose content) under push protection for request `req`.
 *
 * @example
 * const row = await withPushProtection(deps, req, req.body.bypass, () =>
 *   updateWorkspace(db, auditContext(req), actor, ws, req.body.workspace),
 * );
 */
export async function withPushProtection<T>(
  deps: AppDeps,
  req: FastifyRequest,
  bypass: Bypass | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const user = actorOf(req).user;
  const guard: ExposureGuard = {
    keyring: deps.keyring,
    ctx: auditContext(req),
    actor: { id: user.id, email: user.email },
    bypass,
    mail: [],
  };
  try {
    const result = await storage.run(guard, work);
    for (const message of guard.mail) deliver(deps.mailer, req.log, message);
    return result;
  } catch (error) {
    if (error instanceof SecretsDetectedError) {
      await inTransaction(deps.database.db, (trx) => recordAudit(trx, guard.ctx, error.audit));
    }
    throw error;
  }
}
