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
