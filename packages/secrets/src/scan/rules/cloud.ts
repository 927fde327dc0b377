/** Cloud platforms: AWS, Google, Azure, Alibaba, Tencent, DigitalOcean, Heroku, Fly.io, Netlify, … */
import type { Pattern } from '../types.ts';
import { tokenPattern } from './define.ts';

const hyperscalers: Pattern[] = [
  tokenPattern({
    id: 'aws-access-key-id',
    provider: 'AWS',
    description: 'AWS access key ID (long-term or temporary)',
    prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
  }),
  tokenPattern({
    id: 'google-api-key',
    provider: 'Google',
    description: 'Google API key (Maps, Firebase, Gemini, …)',
    prefixes: ['AIza'],
    pattern: 'AIza[0-9A-Za-z_-]{35}',
  }),
  tokenPattern({
    id: 'google-oauth-client-secret',
    provider: 'Google',
    description: 'Google OAuth client secret',
    prefixes: ['GOCSPX-'],
    pattern: 'GOCSPX-[0-9A-Za-z_-]{28}',
  }),
  tokenPattern({
    id: 'google-oauth-access-token',
    provider: 'Google',
    description: 'Google OAuth access token',
    prefixes: ['ya29.'],
    pattern: 'ya29\\.[0-9A-Za-z_-]{30,2048}',
    maxLength: 2100,
  }),
  tokenPattern({
    id: 'google-oauth-refresh-token',
    provider: 'Google',
    description: 'Google OAuth refresh token',
    keywords: ['1//0'],
    pattern: '1//0[0-9A-Za-z_-]{40,512}',
    boundary: 'A-Za-z0-9_\\-/',
  }),
  tokenPattern({
    id: 'azure-ad-client-secret',
    provider: 'Azure',
    description: 'Microsoft Entra ID (Azure AD) client secret',
    keywords: ['Q~'],
    pattern: '[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
    boundary: 'A-Za-z0-9_~.\\-',
  }),
  tokenPattern({
    id: 'azure-storage-account-key',
    provider: 'Azure',
    description: 'Azure storage or Cosmos DB account key in a connection string',
    keywords: ['AccountKey='],
    pattern: 'AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)',
    boundary: 'A-Za-z0-9+/=',
  }),
  tokenPattern({
    id: 'azure-shared-access-key',
    provider: 'Azure',
    description: 'Azure Service Bus / Event Hubs / IoT shared access key',
    keywords: ['SharedAccessKey='],
    pattern: 'SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)',
    boundary: 'A-Za-z0-9+/=',
  }),
  tokenPattern({
    id: 'azure-sas-token',
    provider: 'Azure',
    description: 'Azure shared access signature (SAS) in a URL',
    keywords: ['&sig='],
    pattern:
      'sv=[0-9]{4}-[0-9]{2}-[0-9]{2}(?:&[A-Za-z]{1,8}=[^&\\s"\'<>]{0,200}){0,12}&sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){40,120}(?:=|%3[Dd]){0,2})',
    boundary: '',
    maxLength: 3000,
  }),
  tokenPattern({
    id: 'alibaba-access-key-id',
    provider: 'Alibaba Cloud',
    description: 'Alibaba Cloud AccessKey ID',
    prefixes: ['LTAI'],
    pattern: 'LTAI[A-Za-z0-9]{12,20}',
  }),
  tokenPattern({
    id: 'tencent-secret-id',
    provider: 'Tencent Cloud',
    description: 'Tencent Cloud SecretId',
    prefixes: ['AKID'],
    pattern: 'AKID[A-Za-z0-9]{32}',
  }),
  tokenPattern({
    id: 'yandex-cloud-api-key',
    provider: 'Yandex Cloud',
    description: 'Yandex Cloud API key',
    prefixes: ['AQVN'],
    pattern: 'AQVN[A-Za-z0-9_-]{35,38}',
  }),
];

const platforms: Pattern[] = [
  ...(['dop', 'doo', 'dor'] as const).map((kind) =>
    tokenPattern({
      id: { dop: 'digitalocean-pat', doo: 'digitalocean-oauth-token', dor: 'digitalocean-refresh-token' }[
        kind
      ],
      provider: 'DigitalOcean',
      description: `DigitalOcean ${{ dop: 'personal access token', doo: 'OAuth token', dor: 'refresh token' }[kind]}`,
      prefixes: [`${kind}_v1_`],
      pattern: `${kind}_v1_[a-f0-9]{64}`,
    }),
  ),
  tokenPattern({
    id: 'heroku-api-key',
    provider: 'Heroku',
    description: 'Heroku platform API key',
    prefixes: ['HRKU-'],
    pattern: 'HRKU-[A-Za-z0-9_-]{40,80}',
    allowRepetition: true,
  }),
  tokenPattern({
    id: 'flyio-token',
    provider: 'Fly.io',
    description: 'Fly.io access token',
    prefixes: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'],
    pattern: 'fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,}={0,3}',
    boundary: 'A-Za-z0-9_\\-+/=',
    maxLength: 4096,
  }),
  tokenPattern({
    id: 'netlify-pat',
    provider: 'Netlify',
    description: 'Netlify personal access token',
    prefixes: ['nfp_'],
    pattern: 'nfp_[A-Za-z0-9]{36,40}',
  }),
  tokenPattern({
    id: 'render-api-key',
    provider: 'Render',
    description: 'Render API key',
    prefixes: ['rnd_'],
    pattern: 'rnd_[A-Za-z0-9]{28,32}',
  }),
  tokenPattern({
    id: 'cloudflare-origin-ca-key',
    provider: 'Cloudflare',
    description: 'Cloudflare Origin CA key',
    prefixes: ['v1.0-'],
    pattern: 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}',
  }),
  tokenPattern({
    id: 'supabase-access-token',
    provider: 'Supabase',
    description: 'Supabase personal access token',
    prefixes: ['sbp_'],
    pattern: 'sbp_[a-f0-9]{40}',
  }),
  tokenPattern({
    id: 'supabase-secret-key',
    provider: 'Supabase',
    description: 'Supabase secret API key',
    prefixes: ['sb_secret_'],
    pattern: 'sb_secret_[A-Za-z0-9_-]{28,64}',
  }),
  tokenPattern({
    id: 'databricks-token',
    provider: 'Databricks',
    description: 'Databricks personal access token',
    prefixes: ['dapi'],
    pattern: 'dapi[a-f0-9]{32}(?:-[0-9])?',
  }),
];

export const cloudPatterns: readonly Pattern[] = [...hyperscalers, ...platforms];
