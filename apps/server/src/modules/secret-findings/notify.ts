/** Notices about findings, sent once the change that found them has committed. */
import type { FastifyBaseLogger } from 'fastify';
import { deliver } from '../../mail/deliver.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { apiKeyAutoRevokedMail } from '../../mail/templates.ts';
import type { RevokedKey } from './auto-revoke.ts';

/**
 * Tells the owner of each revoked key where it was found (never the key).
 *
 * @example notifyRevokedKeys(deps.mailer, req.log, scan.revoked);
 */
export function notifyRevokedKeys(
  mailer: Mailer,
  log: FastifyBaseLogger,
  revoked: readonly RevokedKey[],
): void {
  for (const key of revoked) {
    deliver(
      mailer,
      log,
      apiKeyAutoRevokedMail(key.owner, {
        keyName: key.keyName,
        hint: key.hint,
        elementType: key.element.type,
        elementName: key.element.name,
        jsonPath: key.jsonPath,
      }),
    );
  }
}
