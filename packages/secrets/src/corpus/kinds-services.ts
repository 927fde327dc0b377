/** Token formats of registries, payments, messaging, AI and SaaS providers. */
import { base62Crc32 } from '../scan/checksum.ts';
import { NAMES, type SecretKind, token } from './kinds.ts';
import { ALPHABETS, base64url } from './random.ts';

const T = NAMES.token;
const K = NAMES.apiKey;

const registries: SecretKind[] = [
  token('npm-access-token', ['NPM_TOKEN', '_authToken', ...T], (r) => {
    const random = r.base62(30);
    return `npm_${random}${base62Crc32(random)}`;
  }),
  token(
    'pypi-upload-token',
    ['PYPI_TOKEN', 'TWINE_PASSWORD'],
    (r) => `pypi-AgEIcHlwaS5vcmc${r.urlsafe(160)}`,
  ),
  token('rubygems-api-key', ['GEM_HOST_API_KEY'], (r) => `rubygems_${r.hex(48)}`),
  token(
    'nuget-api-key',
    ['NUGET_API_KEY', 'X-NuGet-ApiKey'],
    (r) => `oy2${r.chars(ALPHABETS.lowerAlnum, 43)}`,
  ),
  token('crates-io-token', ['CARGO_REGISTRY_TOKEN'], (r) => `cio${r.base62(32)}`),
  token('clojars-token', ['CLOJARS_PASSWORD'], (r) => `CLOJARS_${r.chars(ALPHABETS.lowerAlnum, 60)}`),
  token('jfrog-api-key', ['ARTIFACTORY_API_KEY', 'X-JFrog-Art-Api'], (r) => `AKCp${r.base62(69)}`),
  token('jfrog-reference-token', ['ARTIFACTORY_TOKEN'], (r) =>
    btoa(`reftkn:01:${r.digits(10)}:${r.base62(32)}`).replace(/=+$/, ''),
  ),
];

const payments: SecretKind[] = [
  token(
    'stripe-secret-key',
    ['STRIPE_SECRET_KEY', 'stripe_key', ...K],
    (r) => `sk_${r.pick(['live', 'test'])}_${r.base62(r.pick([24, 99]))}`,
  ),
  token('stripe-restricted-key', ['STRIPE_RESTRICTED_KEY'], (r) => `rk_live_${r.base62(99)}`),
  token('stripe-webhook-secret', ['STRIPE_WEBHOOK_SECRET', 'webhook_secret'], (r) => `whsec_${r.base62(32)}`),
  token('square-access-token', ['SQUARE_ACCESS_TOKEN', ...T], (r) =>
    r.chance(0.5) ? `EAAA${r.urlsafe(60)}` : `sq0atp-${r.urlsafe(22)}`,
  ),
  token('square-oauth-secret', ['SQUARE_APPLICATION_SECRET'], (r) => `sq0csp-${r.urlsafe(43)}`),
  token(
    'braintree-access-token',
    ['BRAINTREE_ACCESS_TOKEN'],
    (r) => `access_token$production$${r.chars(ALPHABETS.lowerAlnum, 16)}$${r.hex(32)}`,
  ),
  token('flutterwave-secret-key', ['FLW_SECRET_KEY'], (r) => `FLWSECK-${r.hex(32)}-X`),
  token('paystack-secret-key', ['PAYSTACK_SECRET_KEY'], (r) => `sk_live_${r.hex(40)}`),
  token('shopify-access-token', ['X-Shopify-Access-Token'], (r) => `shpat_${r.hex(32)}`),
  token('shopify-custom-app-token', ['X-Shopify-Access-Token'], (r) => `shpca_${r.hex(32)}`),
  token('shopify-private-app-token', ['SHOPIFY_PASSWORD'], (r) => `shppa_${r.hex(32)}`),
  token('shopify-shared-secret', ['SHOPIFY_API_SECRET'], (r) => `shpss_${r.hex(32)}`),
  token(
    'plaid-access-token',
    ['access_token'],
    (r) => `access-${r.pick(['sandbox', 'production'])}-${r.uuid()}`,
  ),
  token('easypost-api-key', ['EASYPOST_API_KEY'], (r) => `EZAK${r.hex(54)}`),
  token('shippo-api-token', ['SHIPPO_TOKEN'], (r) => `shippo_live_${r.hex(40)}`),
  token('duffel-api-token', ['DUFFEL_ACCESS_TOKEN'], (r) => `duffel_test_${r.urlsafe(43)}`),
];

const messaging: SecretKind[] = [
  token(
    'slack-bot-token',
    ['SLACK_BOT_TOKEN', ...T],
    (r) => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.base62(24)}`,
  ),
  token(
    'slack-user-token',
    ['SLACK_USER_TOKEN'],
    (r) => `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.hex(32)}`,
  ),
  token(
    'slack-app-token',
    ['SLACK_APP_TOKEN'],
    (r) => `xapp-1-${r.chars(ALPHABETS.upperAlnum, 11)}-${r.digits(13)}-${r.hex(64)}`,
  ),
  token(
    'slack-legacy-token',
    ['SLACK_LEGACY_TOKEN'],
    (r) => `xoxs-${r.digits(11)}-${r.digits(12)}-${r.digits(13)}-${r.hex(64)}`,
  ),
  token(
    'slack-config-token',
    ['SLACK_CONFIG_TOKEN'],
    (r) => `xoxe.xoxp-1-${r.chars(ALPHABETS.upperAlnum, 166)}`,
  ),
  token(
    'slack-webhook-url',
    ['SLACK_WEBHOOK_URL', 'webhook'],
    (r) =>
      `https://hooks.slack.com/services/T${r.chars(ALPHABETS.upperAlnum, 8)}/B${r.chars(ALPHABETS.upperAlnum, 10)}/${r.base62(24)}`,
  ),
  token(
    'discord-webhook-url',
    ['DISCORD_WEBHOOK_URL', 'webhook'],
    (r) => `https://discord.com/api/webhooks/${r.digits(18)}/${r.urlsafe(68)}`,
  ),
  token(
    'telegram-bot-token',
    ['TELEGRAM_BOT_TOKEN', 'bot_token'],
    (r) => `${r.digits(10)}:AA${r.urlsafe(33)}`,
  ),
  token(
    'teams-webhook-url',
    ['TEAMS_WEBHOOK_URL'],
    (r) =>
      `https://contoso.webhook.office.com/webhookb2/${r.uuid()}@${r.uuid()}/IncomingWebhook/${r.hex(32)}/${r.uuid()}`,
  ),
  token('intercom-access-token', ['INTERCOM_ACCESS_TOKEN', ...T], (r) =>
    btoa(`tok:${r.uuid()}:1:0`).replace(/=+$/, ''),
  ),
  token(
    'facebook-access-token',
    ['FB_ACCESS_TOKEN', 'access_token'],
    (r) => `EAA${r.pick(['B', 'G', 'J'])}${r.base62(180)}`,
  ),
  token(
    'twitter-bearer-token',
    ['TWITTER_BEARER_TOKEN', 'bearer_token'],
    (r) =>
      `${'A'.repeat(22)}${r.base62(8)}${'A'.repeat(7)}${r.base62(10)}%2B${r.base62(20)}%3D${r.base62(50)}`,
  ),
  token('twilio-api-key', ['TWILIO_API_KEY'], (r) => `SK${r.hex(32)}`),
  token('sendgrid-api-key', ['SENDGRID_API_KEY', ...K], (r) => `SG.${r.urlsafe(22)}.${r.urlsafe(43)}`),
  token('mailgun-api-key', ['MAILGUN_API_KEY', 'api_key'], (r) => `key-${r.hex(32)}`),
  token('mailchimp-api-key', ['MAILCHIMP_API_KEY', 'apikey'], (r) => `${r.hex(32)}-us${r.between(1, 21)}`),
  token('brevo-api-key', ['BREVO_API_KEY', 'api-key'], (r) => `xkeysib-${r.hex(64)}-${r.base62(16)}`),
];

const ai: SecretKind[] = [
  token('openai-api-key', ['OPENAI_API_KEY', ...K], (r) =>
    r.chance(0.5)
      ? `sk-${r.base62(20)}T3BlbkFJ${r.base62(20)}`
      : `sk-proj-${r.urlsafe(74)}T3BlbkFJ${r.urlsafe(74)}`,
  ),
  token(
    'openai-project-key',
    ['OPENAI_API_KEY'],
    (r) => `sk-${r.pick(['proj', 'svcacct'])}-${r.urlsafe(156)}`,
  ),
  token('anthropic-api-key', ['ANTHROPIC_API_KEY', 'x-api-key'], (r) => `sk-ant-api03-${r.urlsafe(93)}AA`),
  token('huggingface-token', ['HF_TOKEN', ...T], (r) => `hf_${r.chars(ALPHABETS.letters, 34)}`),
  token('groq-api-key', ['GROQ_API_KEY'], (r) => `gsk_${r.base62(52)}`),
  token('replicate-api-token', ['REPLICATE_API_TOKEN'], (r) => `r8_${r.base62(37)}`),
  token('perplexity-api-key', ['PERPLEXITY_API_KEY'], (r) => `pplx-${r.base62(48)}`),
  token('xai-api-key', ['XAI_API_KEY'], (r) => `xai-${r.base62(80)}`),
  token('openrouter-api-key', ['OPENROUTER_API_KEY'], (r) => `sk-or-v1-${r.hex(64)}`),
  token(
    'langsmith-api-key',
    ['LANGSMITH_API_KEY'],
    (r) => `lsv2_${r.pick(['pt', 'sk'])}_${r.hex(32)}_${r.hex(10)}`,
  ),
  token('pinecone-api-key', ['PINECONE_API_KEY', 'Api-Key'], (r) => `pcsk_${r.base62(5)}_${r.base62(64)}`),
  token('tavily-api-key', ['TAVILY_API_KEY'], (r) => `tvly-dev-${r.base62(32)}`),
  token('firecrawl-api-key', ['FIRECRAWL_API_KEY'], (r) => `fc-${r.hex(32)}`),
  token('deepseek-api-key', ['DEEPSEEK_API_KEY'], (r) => `sk-${r.hex(32)}`),
  token('fireworks-api-key', ['FIREWORKS_API_KEY'], (r) => `fw_${r.base62(24)}`),
  token('elevenlabs-api-key', ['ELEVENLABS_API_KEY', 'xi-api-key'], (r) => `sk_${r.hex(48)}`),
];

const saas: SecretKind[] = [
  token('linear-api-key', ['LINEAR_API_KEY', 'Authorization'], (r) => `lin_api_${r.base62(40)}`),
  token('notion-integration-token', ['NOTION_TOKEN', ...T], (r) =>
    r.chance(0.5) ? `ntn_${r.digits(11)}${r.base62(35)}` : `secret_${r.base62(43)}`,
  ),
  token('airtable-pat', ['AIRTABLE_TOKEN'], (r) => `pat${r.base62(14)}.${r.hex(64)}`),
  token('figma-pat', ['FIGMA_TOKEN', 'X-Figma-Token'], (r) => `figd_${r.urlsafe(40)}`),
  token('contentful-pat', ['CONTENTFUL_MANAGEMENT_TOKEN'], (r) => `CFPAT-${r.urlsafe(43)}`),
  token('hubspot-pat', ['HUBSPOT_ACCESS_TOKEN'], (r) => `pat-${r.pick(['na1', 'eu1'])}-${r.uuid()}`),
  token('typeform-pat', ['TYPEFORM_TOKEN'], (r) => `tfp_${r.urlsafe(44)}_${r.urlsafe(14)}`),
  token(
    'mapbox-secret-token',
    ['MAPBOX_SECRET_TOKEN', 'access_token'],
    (r) =>
      `sk.${base64url(JSON.stringify({ u: r.chars(ALPHABETS.lower, 8), a: `cl${r.chars(ALPHABETS.lowerAlnum, 23)}` }))}.${r.urlsafe(22)}`,
  ),
  token('dropbox-access-token', ['DROPBOX_ACCESS_TOKEN', ...T], (r) => `sl.B${r.urlsafe(138)}`),
  token('readme-api-key', ['README_API_KEY'], (r) => `rdme_${r.chars(ALPHABETS.lowerAlnum, 70)}`),
  token('frameio-token', ['FRAMEIO_TOKEN'], (r) => `fio-u-${r.urlsafe(64)}`),
  token('adafruit-io-key', ['ADAFRUIT_IO_KEY', 'X-AIO-Key'], (r) => `aio_${r.base62(28)}`),
  token(
    'firebase-cloud-messaging-server-key',
    ['FCM_SERVER_KEY', 'Authorization'],
    (r) => `AAAA${r.urlsafe(7)}:APA91b${r.urlsafe(134)}`,
  ),
];

export const providerKindsB: readonly SecretKind[] = [
  ...registries,
  ...payments,
  ...messaging,
  ...ai,
  ...saas,
];
