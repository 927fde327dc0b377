/**
 * What a planted secret is: its kind (named like the rule expected to find it), how to make one
 * from the provider's public format description, and the names it is usually stored under.
 * The makers follow the formats as providers document them, not the scanner's regexes.
 */
import type { Random } from './random.ts';

/** Where a value can go in a collection, an environment or a text file. */
export type Place =
  | 'header'
  | 'auth-bearer'
  | 'auth-basic'
  | 'auth-apikey'
  | 'auth-oauth2'
  | 'query'
  | 'body-raw'
  | 'body-urlencoded'
  | 'body-formdata'
  | 'prerequest'
  | 'test'
  | 'collection-variable'
  | 'description'
  | 'environment'
  | 'dotenv'
  | 'text';

export interface SecretKind {
  /** The rule that should report it. */
  kind: string;
  make(r: Random): string;
  /** Field, header or variable names it is stored under. */
  names: readonly string[];
  /** Only its name makes it a secret (no prefix): it is planted under `names` only. */
  needsName?: boolean;
  /** Places it may go (defaults to every place that suits a single-line token). */
  places?: readonly Place[];
  /** Text around the secret as it is written (a URL around a password, `Bearer ` before a token). */
  wrap?: (secret: string, r: Random) => string;
}

export const TOKEN_PLACES: readonly Place[] = [
  'header',
  'auth-bearer',
  'auth-apikey',
  'auth-oauth2',
  'query',
  'body-raw',
  'body-urlencoded',
  'body-formdata',
  'prerequest',
  'test',
  'collection-variable',
  'description',
  'environment',
  'dotenv',
  'text',
];

/** Places where only the name tells a value is a credential. */
export const NAMED_PLACES: readonly Place[] = [
  'header',
  'query',
  'body-raw',
  'body-urlencoded',
  'body-formdata',
  'prerequest',
  'collection-variable',
  'environment',
  'dotenv',
  'text',
];

export const NAMES = {
  token: ['token', 'access_token', 'accessToken', 'authToken', 'X-Auth-Token', 'API_TOKEN', 'bearer_token'],
  apiKey: ['api_key', 'apiKey', 'X-API-Key', 'x-api-key', 'API_KEY', 'apikey', 'Ocp-Apim-Subscription-Key'],
  secret: ['client_secret', 'clientSecret', 'CLIENT_SECRET', 'app_secret', 'webhook_secret', 'signingSecret'],
  password: ['password', 'db_password', 'DB_PASSWORD', 'adminPassword', 'smtp_pass', 'PGPASSWORD', 'passwd'],
} as const;

/** A provider token: recognisable by its format wherever it is. */
export function token(kind: string, names: readonly string[], make: (r: Random) => string): SecretKind {
  return { kind, names, make };
}

/** A provider credential without a prefix: recognisable by name and format together. */
export function named(
  kind: string,
  names: readonly string[],
  make: (r: Random) => string,
  extraPlaces: readonly Place[] = [],
): SecretKind {
  return { kind, names, make, needsName: true, places: [...NAMED_PLACES, ...extraPlaces] };
}
