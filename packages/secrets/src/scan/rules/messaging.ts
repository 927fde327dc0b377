/** Messaging, e-mail and social platforms: Slack, Discord, Telegram, Teams, Twilio, SendGrid, … */
import type { Pattern } from '../types.ts';
import { tokenPattern } from './define.ts';

const slack: Pattern[] = [
  tokenPattern({
    id: 'slack-bot-token',
    provider: 'Slack',
    description: 'Slack bot token',
    prefixes: ['xoxb-'],
    pattern: 'xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}',
  }),
  tokenPattern({
    id: 'slack-user-token',
    provider: 'Slack',
    description: 'Slack user token',
    prefixes: ['xoxp-'],
    pattern: 'xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}',
  }),
  tokenPattern({
    id: 'slack-app-token',
    provider: 'Slack',
    description: 'Slack app-level token',
    prefixes: ['xapp-'],
    pattern: 'xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}',
  }),
  tokenPattern({
    id: 'slack-config-token',
    provider: 'Slack',
    description: 'Slack app configuration access or refresh token',
    prefixes: ['xoxe.xoxp-', 'xoxe.xoxb-', 'xoxe-'],
    pattern: 'xoxe\\.xox[bp]-[0-9]-[A-Z0-9]{160,170}|xoxe-[0-9]-[A-Z0-9]{140,150}',
  }),
  tokenPattern({
    id: 'slack-legacy-token',
    provider: 'Slack',
    description: 'Slack legacy, workspace or refresh token',
    prefixes: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
    pattern: 'xox[aors]-[0-9]{1,13}(?:-[0-9A-Za-z]{1,64}){2,4}',
  }),
  tokenPattern({
    id: 'slack-webhook-url',
    provider: 'Slack',
    description: 'Slack incoming webhook or workflow URL',
    prefixes: ['hooks.slack.com/'],
    pattern:
      'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{20,32}',
  }),
];

const chat: Pattern[] = [
  tokenPattern({
    id: 'discord-webhook-url',
    provider: 'Discord',
    description: 'Discord webhook URL',
    prefixes: [
      'discord.com/api/webhooks/',
      'discordapp.com/api/webhooks/',
      'ptb.discord.com/',
      'canary.discord.com/',
    ],
    pattern:
      'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
  }),
  tokenPattern({
    id: 'telegram-bot-token',
    provider: 'Telegram',
    description: 'Telegram bot token',
    keywords: [':AA'],
    pattern: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
  }),
  tokenPattern({
    id: 'teams-webhook-url',
    provider: 'Microsoft Teams',
    description: 'Microsoft Teams incoming webhook URL',
    keywords: ['.webhook.office.com/'],
    pattern:
      'https://[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{10,80})?',
  }),
  tokenPattern({
    id: 'intercom-access-token',
    provider: 'Intercom',
    description: 'Intercom access token',
    // base64 of "tok:…" (the sixth character depends on what follows the colon)
    prefixes: ['dG9rO'],
    pattern: 'dG9rO[A-Za-z0-9+/_-]{41,81}={0,2}',
    boundary: 'A-Za-z0-9_\\-+/=',
  }),
  tokenPattern({
    id: 'facebook-access-token',
    provider: 'Meta',
    description: 'Facebook / Instagram / WhatsApp Graph API access token',
    prefixes: ['EAA'],
    pattern: 'EAA[A-Za-z0-9]{90,400}',
  }),
  tokenPattern({
    id: 'twitter-bearer-token',
    provider: 'X (Twitter)',
    description: 'X (Twitter) app-only bearer token',
    prefixes: ['AAAAAAAAAAAAAAAAAAAA'],
    pattern: 'A{20,24}[A-Za-z0-9%]{60,200}',
    boundary: 'A-Za-z0-9_\\-%',
    // Real bearer tokens contain more runs of `A` (zero bytes in base64).
    allowRepetition: true,
  }),
];

const email: Pattern[] = [
  tokenPattern({
    id: 'twilio-api-key',
    provider: 'Twilio',
    description: 'Twilio API key SID',
    prefixes: ['SK'],
    pattern: 'SK[0-9a-fA-F]{32}',
  }),
  tokenPattern({
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    description: 'SendGrid API key',
    prefixes: ['SG.'],
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  }),
  tokenPattern({
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    description: 'Mailgun API key',
    prefixes: ['key-'],
    pattern: 'key-[0-9a-f]{32}',
  }),
  tokenPattern({
    id: 'mailchimp-api-key',
    provider: 'Mailchimp',
    description: 'Mailchimp API key',
    keywords: ['-us'],
    pattern: '[0-9a-f]{32}-us[0-9]{1,2}',
  }),
  tokenPattern({
    id: 'brevo-api-key',
    provider: 'Brevo',
    description: 'Brevo (Sendinblue) API or SMTP key',
    prefixes: ['xkeysib-', 'xsmtpsib-'],
    pattern: 'x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}',
  }),
];

export const messagingPatterns: readonly Pattern[] = [...slack, ...chat, ...email];
