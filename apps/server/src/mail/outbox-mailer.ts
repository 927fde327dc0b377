/**
 * Without SMTP, each message is written as an RFC 5322 `.eml` file into `<dataDir>/outbox/`
 * (folder 0700, files 0600, names that sort by time and never collide), for a person or a test to read.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { inFlight, type Mailer } from './mailer.ts';

/**
 * @example
 * const mailer = createOutboxMailer('.postern/outbox', 'Postern <postern@localhost>');
 * await mailer.send({ to: 'ada@example.com', subject: 'Hello', text: 'Hi' }); // .postern/outbox/2024…-….eml
 */
export function createOutboxMailer(dir: string, from: string): Mailer {
  const compose = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const sends = inFlight();
  let ready: Promise<unknown> | undefined;
  const write = async (message: Parameters<Mailer['send']>[0]) => {
    ready ??= mkdir(dir, { recursive: true, mode: 0o700 });
    await ready;
    const info = await compose.sendMail({ from, ...message });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
    await writeFile(join(dir, name), info.message as Buffer, { mode: 0o600, flag: 'wx' });
  };
  return {
    destination: dir,
    async send(message) {
      await sends.track(write(message));
    },
    async close() {
      await sends.drain();
    },
  };
}
