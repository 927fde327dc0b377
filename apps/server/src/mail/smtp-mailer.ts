/** Mail over SMTP with nodemailer (`POSTERN_SMTP_URL=smtp://host:port`, or `smtps://` for TLS). */
import nodemailer from 'nodemailer';
import { inFlight, type Mailer } from './mailer.ts';

/**
 * @example
 * const mailer = createSmtpMailer('smtp://127.0.0.1:2525', 'Postern <postern@example.com>');
 * await mailer.send({ to: 'ada@example.com', subject: 'Hello', text: 'Hi' });
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`POSTERN_SMTP_URL is not a URL: expected smtp://host:port, got "${url}"`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new Error(`POSTERN_SMTP_URL must start with smtp:// or smtps://, got "${parsed.protocol}"`);
  const transport = nodemailer.createTransport(url);
  const sends = inFlight();
  return {
    // Never show credentials that the URL may carry.
    destination: `${parsed.protocol}//${parsed.host}`,
    async send(message) {
      await sends.track(transport.sendMail({ from, ...message }));
    },
    async close() {
      await sends.drain();
      transport.close();
    },
  };
}
