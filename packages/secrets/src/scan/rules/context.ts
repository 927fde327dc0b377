/**
 * Rules for secrets recognised by where they sit: a value under a credential name (field, header,
 * query parameter, variable, Postman auth block). Provider-specific ones need the provider's name
 * in the field name and the provider's value format (`DD_API_KEY` = 32 hex digits); the generic
 * ones need a value that looks random enough.
 */
import type { CredentialClass } from '../credential-names.ts';
import type { Rule } from '../types.ts';
import { defineRule } from './define.ts';

export const GENERIC_RULES: Readonly<Record<CredentialClass, Rule>> = {
  password: defineRule('generic-password', 'Generic', 'Password in a credential field', 'context'),
  token: defineRule('generic-token', 'Generic', 'Token in a credential field', 'context'),
  'api-key': defineRule('generic-api-key', 'Generic', 'API key in a credential field', 'context'),
  secret: defineRule('generic-secret', 'Generic', 'Secret in a credential field', 'context'),
  authorization: defineRule(
    'authorization-header',
    'Generic',
    'Credentials in an Authorization header (Bearer, Basic, token)',
    'context',
  ),
};

/** A provider's credential without a prefix: recognised by field name and value format together. */
export interface NamedContextRule {
  rule: Rule;
  /** Tested against the field name lower-cased with separators removed (`dd_api_key` → `ddapikey`). */
  name: RegExp;
  /** Tested against the whole value. */
  value: RegExp;
}

const HEX32 = /^[a-f0-9]{32}$/;
const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function named(
  id: string,
  provider: string,
  description: string,
  name: RegExp,
  value: RegExp,
): NamedContextRule {
  return { rule: defineRule(id, provider, description, 'context'), name, value };
}

export const NAMED_CONTEXT_RULES: readonly NamedContextRule[] = [
  named(
    'aws-secret-access-key',
    'AWS',
    'AWS secret access key',
    /aws.*secret|secretaccesskey/,
    /^[A-Za-z0-9/+]{40}$/,
  ),
  named(
    'datadog-api-key',
    'Datadog',
    'Datadog API or application key',
    /datadog|^dd(api|app|application)key/,
    /^[a-f0-9]{32}$|^[a-f0-9]{40}$/,
  ),
  named('heroku-api-key-legacy', 'Heroku', 'Heroku API key (UUID)', /heroku/, UUID_VALUE),
  named('algolia-api-key', 'Algolia', 'Algolia admin or API key', /algolia/, HEX32),
  named(
    'cloudflare-api-token',
    'Cloudflare',
    'Cloudflare API token or global API key',
    /cloudflare|^cf(api)?(token|key)/,
    /^[A-Za-z0-9_-]{40}$|^[a-f0-9]{37}$/,
  ),
  named('okta-api-token', 'Okta', 'Okta API token', /okta/, /^00[A-Za-z0-9_-]{40}$/),
  named('twilio-auth-token', 'Twilio', 'Twilio auth token', /twilio/, HEX32),
  named(
    'discord-bot-token',
    'Discord',
    'Discord bot token',
    /discord/,
    /^[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}$/,
  ),
  named('postmark-server-token', 'Postmark', 'Postmark server or account token', /postmark/, UUID_VALUE),
  named('snyk-api-token', 'Snyk', 'Snyk API token', /snyk/, UUID_VALUE),
  named('splunk-hec-token', 'Splunk', 'Splunk HTTP Event Collector token', /splunk|hec/, UUID_VALUE),
  named('mailjet-api-secret', 'Mailjet', 'Mailjet API secret key', /mailjet|^mj(api|secret)/, HEX32),
  named('linode-api-token', 'Linode', 'Linode (Akamai) personal access token', /linode/, /^[a-f0-9]{64}$/),
  named('hetzner-api-token', 'Hetzner', 'Hetzner Cloud API token', /hetzner|hcloud/, /^[A-Za-z0-9]{64}$/),
  named('vultr-api-key', 'Vultr', 'Vultr API key', /vultr/, /^[A-Z0-9]{36}$/),
  named('cohere-api-key', 'Cohere', 'Cohere API key', /cohere/, /^[A-Za-z0-9]{40}$/),
  named('mistral-api-key', 'Mistral AI', 'Mistral AI API key', /mistral/, /^[A-Za-z0-9]{32}$/),
  named(
    'confluent-api-secret',
    'Confluent',
    'Confluent Cloud API secret',
    /confluent|kafka/,
    /^[A-Za-z0-9+/]{64}$/,
  ),
  named('pagerduty-api-key', 'PagerDuty', 'PagerDuty REST API key', /pagerduty/, /^[A-Za-z0-9_+-]{20}$/),
  named('rollbar-access-token', 'Rollbar', 'Rollbar access token', /rollbar/, HEX32),
  named('zendesk-api-token', 'Zendesk', 'Zendesk API token', /zendesk/, /^[A-Za-z0-9]{40}$/),
  named(
    'wandb-api-key',
    'Weights & Biases',
    'Weights & Biases API key',
    /wandb|weightsandbiases/,
    /^[a-f0-9]{40}$/,
  ),
  named('mixpanel-api-secret', 'Mixpanel', 'Mixpanel API secret', /mixpanel/, HEX32),
  named('vercel-token', 'Vercel', 'Vercel access token', /vercel/, /^[A-Za-z0-9]{24}$/),
  named('ngrok-authtoken', 'ngrok', 'ngrok authtoken', /ngrok/, /^[0-9A-Za-z]{20,30}_[0-9A-Za-z]{20,25}$/),
  named('codecov-token', 'Codecov', 'Codecov upload token', /codecov/, UUID_VALUE),
  named('saucelabs-access-key', 'Sauce Labs', 'Sauce Labs access key', /sauce/, UUID_VALUE),
  named(
    'browserstack-access-key',
    'BrowserStack',
    'BrowserStack access key',
    /browserstack/,
    /^[A-Za-z0-9]{20}$/,
  ),
  named('pusher-app-secret', 'Pusher', 'Pusher Channels app secret', /pusher/, /^[a-f0-9]{20}$/),
  named(
    'azure-devops-pat',
    'Azure DevOps',
    'Azure DevOps personal access token',
    /azuredevops|azdo|vsts|^ado/,
    /^[a-z2-7]{52}$/,
  ),
];
