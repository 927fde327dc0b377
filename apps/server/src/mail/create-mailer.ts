import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import type { Mailer } from './mailer.ts';
import { createOutboxMailer } from './outbox-mailer.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

/**
 * The server's mailer: SMTP when `POSTERN_SMTP_URL` is set, else `.eml` files in `<dataDir>/outbox/`.
 *
 * @example const mailer = createMailer(resolveConfig({})); // outbox in .postern/outbox
 */
export function createMailer(config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>): Mailer {
  return config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.mailFrom)
    : createOutboxMailer(join(config.dataDir, 'outbox'), config.mailFrom);
}
