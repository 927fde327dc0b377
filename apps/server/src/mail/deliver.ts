import type { FastifyBaseLogger } from 'fastify';
import type { Mailer, MailMessage } from './mailer.ts';

/**
 * Sends in the background: the answer to the request does not wait for the mail server (nor shows,
 * by its timing, whether a mail was sent at all). A failure is logged, never reported to the caller.
 *
 * @example deliver(deps.mailer, req.log, passwordResetMail(user, link));
 */
export function deliver(mailer: Mailer, log: FastifyBaseLogger, message: MailMessage): void {
  mailer.send(message).catch((err: unknown) => {
    log.error({ err, subject: message.subject }, 'could not send mail');
  });
}
