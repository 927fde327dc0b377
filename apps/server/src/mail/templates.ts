/**
 * The text of every mail the server sends. None carries a secret: links hold one-time tokens (stored
 * hashed, with an expiry); notices name what happened, when and from where, never a password, TOTP
 * secret, recovery code or API key.
 */
import type { MailMessage } from './mailer.ts';

export interface Recipient {
  email: string;
  name: string;
}

/** Where and how a change was made, for security notices. */
export interface Origin {
  ip?: string | null;
  userAgent?: string | null;
}

const SIGNATURE = '\n\n— Postern';

function lines(...parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

/** @example verifyEmailMail(user, 'https://postern.example/verify-email?token=…', 48) */
export function verifyEmailMail(to: Recipient, link: string, validHours: number): MailMessage {
  return {
    to: to.email,
    subject: 'Confirm your email address for Postern',
    text:
      lines(
        `Hello ${to.name},`,
        '',
        'Please confirm your email address by opening this link:',
        '',
        link,
        '',
        `The link works once and for ${validHours} hours. If you did not sign up, ignore this mail.`,
      ) + SIGNATURE,
  };
}

/** @example passwordResetMail(user, 'https://postern.example/reset-password?token=…', 60) */
export function passwordResetMail(to: Recipient, link: string, validMinutes: number): MailMessage {
  return {
    to: to.email,
    subject: 'Reset your Postern password',
    text:
      lines(
        `Hello ${to.name},`,
        '',
        'Someone (hopefully you) asked to reset your Postern password. To choose a new one, open:',
        '',
        link,
        '',
        `The link works once and for ${validMinutes} minutes. If you did not ask, ignore this mail:`,
        'your password stays as it is.',
      ) + SIGNATURE,
  };
}

/** What a security notice reports. */
export type SecurityEvent =
  | { kind: 'password_changed' }
  | { kind: 'password_reset' }
  | { kind: 'mfa_enabled' }
  | { kind: 'mfa_disabled' }
  | { kind: 'recovery_code_used'; remaining: number }
  | { kind: 'new_sign_in' }
  | { kind: 'api_key_created'; keyName: string; scopes: readonly string[]; expiresAt: string | null };

function describe(event: SecurityEvent): { subject: string; body: string } {
  switch (event.kind) {
    case 'password_changed':
      return {
        subject: 'Your Postern password was changed',
        body: 'Your password was changed. Your other sessions were signed out.',
      };
    case 'password_reset':
      return {
        subject: 'Your Postern password was reset',
        body: 'Your password was reset through a link sent to this address. Every session was signed out.',
      };
    case 'mfa_enabled':
      return {
        subject: 'Two-factor authentication is on',
        body: 'Two-factor authentication (TOTP) was turned on for your account.',
      };
    case 'mfa_disabled':
      return {
        subject: 'Two-factor authentication is off',
        body: 'Two-factor authentication (TOTP) was turned off for your account.',
      };
    case 'recovery_code_used':
      return {
        subject: 'A recovery code was used to sign in',
        body: `A recovery code was used to sign in to your account. ${event.remaining} unused code(s) remain.`,
      };
    case 'new_sign_in':
      return {
        subject: 'New sign-in to your Postern account',
        body: 'Your account was signed in to from a device or address not seen before.',
      };
    case 'api_key_created':
      return {
        subject: 'A new Postern API key was created',
        body: lines(
          `An API key named "${event.keyName}" was created for your account.`,
          `Scopes: ${event.scopes.join(', ') || '(none)'}`,
          `Expires: ${event.expiresAt ?? 'never'}`,
        ),
      };
  }
}

/** @example securityNoticeMail(user, { kind: 'mfa_enabled' }, { ip: req.ip, userAgent }) */
export function securityNoticeMail(to: Recipient, event: SecurityEvent, origin: Origin): MailMessage {
  const { subject, body } = describe(event);
  return {
    to: to.email,
    subject,
    text:
      lines(
        `Hello ${to.name},`,
        '',
        body,
        '',
        `When: ${new Date().toUTCString()}`,
        origin.ip ? `From address: ${origin.ip}` : undefined,
        origin.userAgent ? `Browser or client: ${origin.userAgent.slice(0, 200)}` : undefined,
        '',
        'If this was not you, reset your password and contact your administrator.',
      ) + SIGNATURE,
  };
}

/** Where a secret was found, as mails name it (never the secret itself). */
export interface FoundAt {
  elementType: string;
  elementName: string;
  jsonPath: string;
}

/**
 * To the owner of an API key Postern found in saved content and revoked (secret-findings/auto-revoke.ts).
 *
 * @example apiKeyAutoRevokedMail(owner, { keyName: 'CI', hint: 'a1B2', elementType: 'collection', elementName: 'Payments', jsonPath: 'item[0].request.header[1].value' })
 */
export function apiKeyAutoRevokedMail(
  to: Recipient,
  key: { keyName: string; hint: string } & FoundAt,
): MailMessage {
  return {
    to: to.email,
    subject: `Postern revoked your API key: ${key.keyName}`,
    text:
      lines(
        `Hello ${to.name},`,
        '',
        `Your API key "${key.keyName}" (ending …${key.hint}) was found in the ${key.elementType}`,
        `"${key.elementName}" at ${key.jsonPath || 'its text'}, where others could read it, so Postern revoked it.`,
        'Requests made with it now fail.',
        '',
        'Create a new key if you need one, and keep it in a secret variable of an environment,',
        'not in the content of a collection or in a plain variable.',
        '',
        `When: ${new Date().toUTCString()}`,
      ) + SIGNATURE,
  };
}

/** What a push-protection bypass exposed, for the team admins' notice. */
export interface BypassNotice {
  /** Who bypassed (their email). */
  by: string;
  /** The change, in words: `make workspace "Payments" public`. */
  change: string;
  reason: string;
  comment?: string | undefined;
  findings: ReadonlyArray<FoundAt & { ruleId: string; redacted: string }>;
}

/** How many findings a bypass notice lists (the audit trail has them all). */
const NOTICE_FINDINGS = 50;

/**
 * To each admin of the workspace's team when someone bypasses push protection (modules/push-protection).
 *
 * @example pushProtectionBypassMail(admin, { by: 'dev@example.com', change: 'make workspace "API" public', reason: 'used_in_tests', findings })
 */
export function pushProtectionBypassMail(to: Recipient, notice: BypassNotice): MailMessage {
  const listed = notice.findings
    .slice(0, NOTICE_FINDINGS)
    .map(
      (f) =>
        `- ${f.elementType} "${f.elementName}" at ${f.jsonPath || '(text)'}: ${f.ruleId} (${f.redacted})`,
    );
  const more = notice.findings.length - listed.length;
  return {
    to: to.email,
    subject: 'Push protection was bypassed',
    text:
      lines(
        `Hello ${to.name},`,
        '',
        `${notice.by} bypassed push protection to ${notice.change}.`,
        `Reason: ${notice.reason}`,
        notice.comment ? `Comment: ${notice.comment}` : undefined,
        '',
        `Secrets found (${notice.findings.length}):`,
        ...listed,
        more > 0 ? `… and ${more} more (see the audit trail)` : undefined,
        '',
        `When: ${new Date().toUTCString()}`,
        '',
        'If these are real credentials, revoke them with their provider.',
      ) + SIGNATURE,
  };
}
