/** Productivity, content and business SaaS. */
import type { Pattern } from '../types.ts';
import { tokenPattern, UUID } from './define.ts';

export const saasPatterns: readonly Pattern[] = [
  tokenPattern({
    id: 'linear-api-key',
    provider: 'Linear',
    description: 'Linear API key',
    prefixes: ['lin_api_'],
    pattern: 'lin_api_[A-Za-z0-9]{40}',
  }),
  tokenPattern({
    id: 'notion-integration-token',
    provider: 'Notion',
    description: 'Notion integration token',
    prefixes: ['secret_', 'ntn_'],
    pattern: 'secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35}',
  }),
  tokenPattern({
    id: 'airtable-pat',
    provider: 'Airtable',
    description: 'Airtable personal access token',
    prefixes: ['pat'],
    pattern: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
  }),
  tokenPattern({
    id: 'figma-pat',
    provider: 'Figma',
    description: 'Figma personal access token',
    prefixes: ['figd_'],
    pattern: 'figd_[A-Za-z0-9_-]{40}',
  }),
  tokenPattern({
    id: 'contentful-pat',
    provider: 'Contentful',
    description: 'Contentful personal access token',
    prefixes: ['CFPAT-'],
    pattern: 'CFPAT-[A-Za-z0-9_-]{43}',
  }),
  tokenPattern({
    id: 'hubspot-pat',
    provider: 'HubSpot',
    description: 'HubSpot private app access token',
    prefixes: ['pat-na1-', 'pat-na2-', 'pat-eu1-'],
    pattern: `pat-(?:na|eu)[0-9]-${UUID}`,
  }),
  tokenPattern({
    id: 'typeform-pat',
    provider: 'Typeform',
    description: 'Typeform personal access token',
    prefixes: ['tfp_'],
    pattern: 'tfp_[A-Za-z0-9_=.-]{40,80}',
  }),
  tokenPattern({
    id: 'mapbox-secret-token',
    provider: 'Mapbox',
    description: 'Mapbox secret access token',
    prefixes: ['sk.eyJ'],
    pattern: 'sk\\.eyJ[A-Za-z0-9_-]{40,400}\\.[A-Za-z0-9_-]{20,64}',
  }),
  tokenPattern({
    id: 'dropbox-access-token',
    provider: 'Dropbox',
    description: 'Dropbox short-lived access token',
    prefixes: ['sl.'],
    pattern: 'sl\\.(?:u\\.)?[A-Za-z0-9_-]{120,1400}',
    maxLength: 1500,
  }),
  tokenPattern({
    id: 'readme-api-key',
    provider: 'ReadMe',
    description: 'ReadMe API key',
    prefixes: ['rdme_'],
    pattern: 'rdme_[a-z0-9]{70}',
  }),
  tokenPattern({
    id: 'frameio-token',
    provider: 'Frame.io',
    description: 'Frame.io developer token',
    prefixes: ['fio-u-'],
    pattern: 'fio-u-[A-Za-z0-9_=-]{64}',
  }),
  tokenPattern({
    id: 'adafruit-io-key',
    provider: 'Adafruit IO',
    description: 'Adafruit IO key',
    prefixes: ['aio_'],
    pattern: 'aio_[A-Za-z0-9]{28}',
  }),
  tokenPattern({
    id: 'firebase-cloud-messaging-server-key',
    provider: 'Firebase',
    description: 'Firebase Cloud Messaging legacy server key',
    keywords: [':APA91b'],
    pattern: 'AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}',
  }),
];
