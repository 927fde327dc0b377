/**
 * The two mail transports: SMTP (against a real smtp-server on 127.0.0.1) and the outbox folder;
 * and a server started with POSTERN_SMTP_URL delivering its mail over SMTP.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/mail/create-mailer.ts';
import { createOutboxMailer } from '../src/mail/outbox-mailer.ts';
import { createSmtpMailer } from '../src/mail/smtp-mailer.ts';
import { DATABASE_KINDS } from './databases.ts';
import {
  makeUser,
  parseMail,
  startTestServer,
  TestClient,
  type TestMail,
  type TestServer,
  tokenIn,
} from './helpers.ts';

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function startSmtp(): Promise<{
  url: string;
  received: (TestMail & { envelopeTo: string[] })[];
  close(): Promise<void>;
}> {
  const received: (TestMail & { envelopeTo: string[] })[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('mail transports', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dir: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    dir = mkdtempSync(join(tmpdir(), 'postern-mail-'));
  });
  afterAll(async () => {
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends over SMTP with the configured sender, and hides credentials in its description', async () => {
    const mailer = createSmtpMailer(smtp.url, 'Postern <postern@example.test>');
    await mailer.send({
      to: 'ada@example.test',
      subject: 'Hello there',
      text: 'A line — with a dash.\nAnd another.',
    });
    await mailer.close();
    const mail = smtp.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(['ada@example.test']);
    expect(mail.subject).toBe('Hello there');
    expect(mail.text.trim()).toBe('A line — with a dash.\nAnd another.');
    expect(mail.raw).toMatch(/^From: Postern <postern@example\.test>/m);
    expect(createSmtpMailer('smtp://user:hunter2@127.0.0.1:1', 'x@y.z').destination).toBe(
      'smtp://127.0.0.1:1',
    );
  });

  it('rejects when the SMTP server cannot be reached, and refuses a malformed URL', async () => {
    const mailer = createSmtpMailer('smtp://127.0.0.1:1', 'x@example.test');
    await expect(mailer.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toThrow();
    expect(() => createSmtpMailer('not a url', 'x@example.test')).toThrow(/POSTERN_SMTP_URL/);
    expect(() => createSmtpMailer('http://127.0.0.1:25', 'x@example.test')).toThrow(/smtp:\/\//);
  });

  it('writes .eml files with mode 0600 and unique names into a 0700 outbox', async () => {
    const outbox = join(dir, 'outbox');
    const mailer = createOutboxMailer(outbox, 'Postern <postern@localhost>');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mailer.send({ to: `u${i}@example.test`, subject: `Mail ${i}`, text: `Body ${i}` }),
      ),
    );
    await mailer.close();
    const files = readdirSync(outbox);
    expect(files).toHaveLength(20);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    expect(statSync(outbox).mode & 0o777).toBe(0o700);
    for (const f of files) expect(statSync(join(outbox, f)).mode & 0o777).toBe(0o600);
    const mails = files.map((f) => parseMail(readFileSync(join(outbox, f), 'utf8')));
    expect(mails.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Mail ${i}`).sort(),
    );
    const seven = mails.find((m) => m.subject === 'Mail 7')!;
    expect(seven.to).toBe('u7@example.test');
    expect(seven.text.trim()).toBe('Body 7');
  });

  it('picks SMTP when a URL is configured, the outbox otherwise', () => {
    expect(createMailer({ dataDir: dir, mailFrom: 'x@y.z', smtpUrl: smtp.url }).destination).toBe(smtp.url);
    expect(createMailer({ dataDir: dir, mailFrom: 'x@y.z' }).destination).toBe(join(dir, 'outbox'));
  });
});

describe.each(DATABASE_KINDS)('a server with POSTERN_SMTP_URL (%s)', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer(kind, {
      POSTERN_SMTP_URL: smtp.url,
      POSTERN_MAIL_FROM: 'Postern <no-reply@example.test>',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends the password-reset link over SMTP, and nothing to the outbox', async () => {
    const user = await makeUser(t);
    const res = await new TestClient(t.url).post('/api/auth/password-reset', { email: user.email });
    expect(res.status).toBe(202);
    const mail = await until(() => smtp.received.find((m) => m.envelopeTo.includes(user.email)));
    expect(mail.subject).toBe('Reset your Postern password');
    expect(mail.raw).toMatch(/^From: Postern <no-reply@example\.test>/m);
    expect(tokenIn(mail)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => readdirSync(join(t.database.dataDir, 'outbox'))).toThrow();
    expect(t.lines.some((l) => l.includes('Mail is written to'))).toBe(false);
  });
});
