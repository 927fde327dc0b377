/** The invitation mail: who invites you to which team with which role, and the one-time link. */
import type { MailMessage } from '../../mail/mailer.ts';

/** Names are user text: one line, no control characters, bounded length. */
function oneLine(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').slice(0, 200);
}

/**
 * @example invitationMail({ to: 'bo@example.com', teamName: 'Payments', role: 'developer',
 *   inviterName: 'Ada', link: 'https://postern.example/invitations/…', validDays: 7 })
 */
export function invitationMail(input: {
  to: string;
  teamName: string;
  role: string;
  inviterName: string;
  link: string;
  validDays: number;
}): MailMessage {
  const team = oneLine(input.teamName);
  return {
    to: input.to,
    subject: `You are invited to join ${team} on Postern`,
    text: [
      'Hello,',
      '',
      `${oneLine(input.inviterName)} invites you to join the team "${team}" on Postern as ${input.role}.`,
      'To accept, sign in (or sign up) with this email address and open:',
      '',
      input.link,
      '',
      `The link works once and for ${input.validDays} days. If you did not expect it, ignore this mail.`,
      '',
      '— Postern',
    ].join('\n'),
  };
}
