/** Builds `.env` files and plain-text notes (runbooks, curl commands) around planted values. */
import type { Entry } from './postman.ts';
import type { Random } from './random.ts';

/** `X-API-Key` → `X_API_KEY`, `clientSecret` → `CLIENT_SECRET`. */
export function envName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

const DOTENV_FILLER = [
  'NODE_ENV=production',
  'PORT=8080',
  'LOG_LEVEL=info',
  'API_URL=https://api.acme.dev',
  'FEATURE_FLAGS=checkout-v2,new-search',
  'SESSION_TTL=3600',
  'TOKEN_URL=https://auth.acme.dev/oauth/token',
  'PASSWORD_MIN_LENGTH=12',
  'DB_HOST=10.0.12.7',
  'DB_PORT=5432',
  'CACHE_TTL_SECONDS=300',
];

/**
 * A `.env` file: the entries as `NAME=value` among ordinary settings and comments.
 *
 * @example
 * buildDotenv(r, [{ name: 'apiKey', value: '…', place: 'dotenv' }]); // 'API_KEY=…\n…'
 */
export function buildDotenv(r: Random, entries: readonly Entry[]): string {
  const lines: string[] = [`# ${r.pick(['Staging', 'Local development', 'CI'])} settings`];
  const filler = r.shuffle([...DOTENV_FILLER]).slice(0, r.between(3, 7));
  for (const entry of entries) {
    if (r.chance(0.4) && filler.length) lines.push(filler.pop() as string);
    const value = /[\s#"']/.test(entry.value) ? `"${entry.value}"` : entry.value;
    lines.push(`${r.chance(0.2) ? 'export ' : ''}${envName(entry.name)}=${value}`);
  }
  lines.push(...filler, '');
  return lines.join('\n');
}

const PROSE = [
  'Deploy checklist for the billing service. Rotate credentials every 90 days.',
  'The token endpoint returns a bearer token valid for one hour; refresh it before it expires.',
  'Ask the platform team for access if a request returns 403.',
  'Postman collections live in the api-collections repository; run them with postern run.',
];

/**
 * Plain-text notes: prose, curl commands and `name: value` lines holding the entries.
 *
 * @example
 * buildTextNotes(r, 'Billing runbook', entries);
 */
export function buildTextNotes(r: Random, title: string, entries: readonly Entry[]): string {
  const lines: string[] = [title, '='.repeat(title.length), '', r.pick(PROSE), ''];
  for (const entry of entries) {
    const { name, value } = entry;
    if (value.includes('\n')) {
      lines.push(`${name}:`, value, '');
    } else if (/^[A-Za-z-]+$/.test(name) && /-|Authorization/.test(name)) {
      lines.push(`curl -s -H "${name}: ${value}" https://api.acme.dev/v1/me`);
    } else {
      lines.push(r.pick([`${name}: ${value}`, `${envName(name)}=${value}`, `${name} = "${value}"`]));
    }
    if (r.chance(0.3)) lines.push('', r.pick(PROSE), '');
  }
  lines.push('');
  return lines.join('\n');
}
