/**
 * Decoys: values that look like secrets, or sit where secrets sit, without being secrets —
 * placeholders and masks in credential fields, documented example keys, tokens with a wrong
 * checksum, UUIDs, commit and content hashes, base64 images, public keys and certificates,
 * publishable keys, random ids in non-credential fields, and credential-named settings that are
 * not credentials (`token_type`, `password_min_length`). A good scanner reports none of them.
 */
import { base62Crc32 } from '../scan/checksum.ts';
import { NAMED_PLACES, NAMES, type Place, TOKEN_PLACES } from './kinds.ts';
import { ALPHABETS, base64url, type Random } from './random.ts';

export interface Decoy {
  category: string;
  name: string;
  value: string;
  places: readonly Place[];
  /** The value is code (`pm.environment.get(…)`), written unquoted in scripts. */
  expression?: boolean;
}

const CREDENTIAL_NAMES = [...NAMES.token, ...NAMES.apiKey, ...NAMES.secret, ...NAMES.password];
const NEUTRAL_PLACES: readonly Place[] = [
  'header',
  'query',
  'body-raw',
  'body-urlencoded',
  'body-formdata',
  'collection-variable',
  'environment',
  'dotenv',
  'text',
];

function placeholder(r: Random): string {
  const variable = r.pick([
    'token',
    'api_key',
    'accessToken',
    'password',
    'client_secret',
    'apiKey',
    'bearerToken',
  ]);
  return r.pick([
    `{{${variable}}}`,
    `{{${variable}}}`,
    `<your-api-key>`,
    `<${variable}>`,
    '<YOUR_TOKEN>',
    'YOUR_API_KEY_HERE',
    'your_api_key_here',
    'your-token-here',
    'insert_token_here',
    'REPLACE_ME',
    'changeme',
    'CHANGE_ME_IN_PROD',
    'x'.repeat(r.between(8, 40)),
    'X'.repeat(r.between(8, 40)),
    '*'.repeat(r.between(6, 16)),
    '•'.repeat(8),
    `\${${variable.toUpperCase()}}`,
    `$${variable.toUpperCase()}`,
    `%${variable.toUpperCase()}%`,
    'sample_token_value',
    'dummy-secret-for-docs',
    'redacted',
    `sk_live_${'x'.repeat(24)}`,
    `ghp_${'X'.repeat(36)}`,
    `AKIA${'X'.repeat(16)}`,
    `glpat-${'x'.repeat(20)}`,
    `xoxb-your-bot-token`,
    `npm_${'0'.repeat(36)}`,
  ]);
}

/** Keys that providers print in their documentation, assembled so the repository holds none. */
function documentedExample(r: Random): string {
  const jwtIoExample = [
    base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
    base64url('{"sub":"1234567890","name":"John Doe","iat":1516239022}'),
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ].join('.');
  return r.pick([
    ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''),
    ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/'),
    jwtIoExample,
    `sk_test_${'EXAMPLE'}${r.base62(17)}`,
    `https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`,
  ]);
}

/** Tokens in a checksummed format whose checksum does not match (made up or mistyped). */
function badChecksum(r: Random): string {
  const [prefix, length] = r.pick([
    ['ghp_', 30],
    ['gho_', 30],
    ['npm_', 30],
    ['pstn_', 32],
  ] as const);
  const random = r.base62(length);
  let checksum = r.base62(6);
  while (checksum === base62Crc32(random)) checksum = r.base62(6);
  return `${prefix}${random}${checksum}`;
}

function placeholderConnection(r: Random): string {
  return r.pick([
    'postgres://user:password@localhost:5432/mydb',
    'postgres://{{db_user}}:{{db_password}}@{{db_host}}:5432/app',
    'mongodb+srv://<username>:<password>@cluster0.abcde.mongodb.net/test',
    'amqp://guest:guest@localhost:5672',
    'redis://localhost:6379/0',
    'postgres://postgres@127.0.0.1:5432/test',
    'mysql://root:root@localhost/db',
    'https://user:pass@example.com/path',
    `https://api.acme.dev/v1/orders/${r.uuid()}`,
  ]);
}

function pemDecoy(r: Random): string {
  const label = r.pick(['PUBLIC KEY', 'CERTIFICATE', 'CERTIFICATE REQUEST']);
  const body = (r.base64Bytes(r.pick([294, 900])).match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

function imageDataUri(r: Random): string {
  return `data:image/${r.pick(['png', 'jpeg', 'gif'])};base64,${r.base64Bytes(r.between(600, 4000))}`;
}

/** A JWT-shaped value whose header names no algorithm: not a token. */
function notAJwt(r: Random): string {
  return `${base64url(JSON.stringify({ typ: 'JWT', kid: r.hex(8) }))}.${base64url(JSON.stringify({ note: 'fixture' }))}.${r.urlsafe(43)}`;
}

type Maker = (r: Random) => Omit<Decoy, 'category'>;

const CATEGORIES: ReadonlyArray<readonly [string, number, Maker]> = [
  [
    'placeholder',
    14,
    (r) => ({ name: r.pick(CREDENTIAL_NAMES), value: placeholder(r), places: NAMED_PLACES }),
  ],
  [
    'bearer-placeholder',
    3,
    (r) => ({
      name: 'Authorization',
      value: r.pick([
        'Bearer {{access_token}}',
        'Bearer <token>',
        'Basic {{basic_auth}}',
        `Bearer ${'x'.repeat(32)}`,
        'Bearer undefined',
      ]),
      places: ['header', 'environment', 'collection-variable'],
    }),
  ],
  [
    'documented-example',
    4,
    (r) => ({ name: r.pick(CREDENTIAL_NAMES), value: documentedExample(r), places: NAMED_PLACES }),
  ],
  ['bad-checksum', 4, (r) => ({ name: r.pick(NAMES.token), value: badChecksum(r), places: TOKEN_PLACES })],
  [
    'placeholder-connection',
    4,
    (r) => ({
      name: r.pick(['DATABASE_URL', 'url', 'connectionString', 'REDIS_URL']),
      value: placeholderConnection(r),
      places: NAMED_PLACES,
    }),
  ],
  [
    'uuid',
    10,
    (r) => ({
      name: r.pick([
        'id',
        'requestId',
        'X-Request-Id',
        'X-Correlation-Id',
        'orderId',
        'Idempotency-Key',
        'customerId',
        'session_id',
      ]),
      value: r.uuid(),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'commit-sha',
    6,
    (r) => ({
      name: r.pick(['sha', 'commit', 'head_sha', 'revision', 'GIT_SHA']),
      value: r.hex(40),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'content-hash',
    5,
    (r) => ({
      name: r.pick(['checksum', 'sha256', 'file_hash', 'ETag', 'If-None-Match', 'X-Amz-Content-Sha256']),
      value: r.hex(64),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'integrity',
    2,
    (r) => ({
      name: 'integrity',
      value: `sha512-${r.base64Bytes(64)}`,
      places: ['body-raw', 'environment', 'text'],
    }),
  ],
  [
    'image',
    3,
    (r) => ({
      name: r.pick(['avatar', 'image', 'logo', 'thumbnail']),
      value: imageDataUri(r),
      places: ['body-raw', 'body-formdata', 'environment'],
    }),
  ],
  [
    'random-id',
    10,
    (r) => ({
      name: r.pick([
        'trace_id',
        'nonce',
        'cursor',
        'next_page_token',
        'page_token',
        'device_id',
        'tracking_number',
        'external_ref',
        'upload_id',
        'csrf_token',
        'idempotency_key',
      ]),
      value: r.chance(0.5) ? r.base62(r.between(16, 40)) : r.urlsafe(r.between(16, 40)),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'public-key',
    3,
    (r) => ({
      name: r.pick(['certificate', 'public_key', 'ca_cert']),
      value: pemDecoy(r),
      places: ['environment', 'text', 'body-raw', 'collection-variable'],
    }),
  ],
  [
    'publishable-key',
    3,
    (r) => ({
      name: r.pick(['publishableKey', 'STRIPE_PUBLISHABLE_KEY', 'mapbox_public_token']),
      value: r.chance(0.5)
        ? `pk_live_${r.base62(24)}`
        : `pk.${base64url(JSON.stringify({ u: 'acme', a: r.chars(ALPHABETS.lowerAlnum, 25) }))}.${r.urlsafe(22)}`,
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'not-a-jwt',
    2,
    (r) => ({ name: r.pick(['state', 'fixture', 'payload']), value: notAJwt(r), places: NEUTRAL_PLACES }),
  ],
  [
    'setting',
    8,
    (r) =>
      r.pick([
        { name: 'token_type', value: 'Bearer', places: NEUTRAL_PLACES },
        { name: 'grant_type', value: 'password', places: NEUTRAL_PLACES },
        { name: 'password_min_length', value: String(r.between(8, 16)), places: NEUTRAL_PLACES },
        {
          name: 'tokenUrl',
          value: `https://auth.acme.dev/oauth/token?client=${r.hex(8)}`,
          places: NEUTRAL_PLACES,
        },
        { name: 'token_endpoint_auth_method', value: 'client_secret_post', places: NEUTRAL_PLACES },
        { name: 'api_key_id', value: r.uuid(), places: NEUTRAL_PLACES },
        {
          name: 'secret_name',
          value: `prod/${r.pick(['db', 'stripe', 'smtp'])}/credentials`,
          places: NEUTRAL_PLACES,
        },
        { name: 'token', value: r.pick(['true', 'false', 'null', '']), places: NEUTRAL_PLACES },
        { name: 'passwordPolicy', value: 'min12-upper-lower-digit', places: NEUTRAL_PLACES },
        { name: 'JWT_EXPIRES_IN', value: `${r.between(1, 48)}h`, places: NEUTRAL_PLACES },
        {
          name: 'access_token',
          value: 'pm.environment.get("access_token")',
          places: ['prerequest'],
          expression: true,
        },
        { name: 'apiKey', value: 'process.env.API_KEY', places: ['prerequest'], expression: true },
        { name: 'token', value: 'jsonData.access_token', places: ['prerequest', 'test'], expression: true },
      ]),
  ],
  [
    'code',
    5,
    (r) =>
      r.pick([
        {
          name: 'tokenExpiry',
          value: 'Date.now() + 3600 * 1000',
          places: ['prerequest', 'test'],
          expression: true,
        },
        { name: 'token_expires_at', value: 'Date.now()', places: ['prerequest', 'test'], expression: true },
        {
          name: 'Authorization',
          value: "'Bearer ' + pm.environment.get('token')",
          places: ['prerequest'],
          expression: true,
        },
        {
          name: 'api_key',
          value: 'pm.variables.replaceIn("{{api_key}}")',
          places: ['prerequest'],
          expression: true,
        },
        {
          name: 'password',
          value: 'pm.iterationData.get("password")',
          places: ['prerequest', 'test'],
          expression: true,
        },
      ]),
  ],
  [
    'hashed',
    3,
    (r) =>
      r.pick([
        {
          name: 'password_hash',
          value: `$2b$12$${r.chars(`${ALPHABETS.base62}./`, 53)}`,
          places: NEUTRAL_PLACES,
        },
        { name: 'passwordDigest', value: r.hex(64), places: NEUTRAL_PLACES },
        { name: 'token_fingerprint', value: r.hex(32), places: NEUTRAL_PLACES },
      ]),
  ],
  [
    'signature',
    3,
    (r) => ({
      name: r.pick(['X-Hub-Signature-256', 'signature', 'X-Amz-Signature', 'Stripe-Signature']),
      value: r.pick([`sha256=${r.hex(64)}`, r.base64Bytes(64), `t=${r.digits(10)},v1=${r.hex(64)}`]),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'payload',
    3,
    (r) => ({
      name: r.pick(['data', 'payload', 'state', 'RelayState']),
      value: base64url(JSON.stringify({ id: r.uuid(), ts: r.digits(10), nonce: r.base62(16) })),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'url',
    3,
    (r) => ({
      name: r.pick(['homepage', 'callbackUrl', 'repository', 'cdn']),
      value: r.pick([
        'git@github.com:acme/payments.git',
        'ssh://git@gitlab.acme.dev:2222/platform/api.git',
        `https://cdn.jsdelivr.net/npm/lodash@4.17.${r.between(10, 21)}/lodash.min.js`,
        `https://medium.com/@${r.chars(ALPHABETS.lower, 8)}/release-notes-${r.digits(6)}`,
        `https://acme.dev/callback?code=${r.base62(24)}&state=${r.base62(16)}`,
      ]),
      places: NEUTRAL_PLACES,
    }),
  ],
  [
    'neutral-text',
    6,
    (r) => ({
      name: r.pick(['description', 'version', 'email', 'region', 'arn', 'createdAt']),
      value: r.pick([
        'Returns a new access token. The password must be at least 12 characters.',
        `${r.between(1, 9)}.${r.between(0, 20)}.${r.between(0, 40)}`,
        `${r.chars(ALPHABETS.lower, 8)}@acme.dev`,
        r.pick(['eu-west-1', 'us-east-2', 'ap-southeast-1']),
        `arn:aws:iam::${r.digits(12)}:role/${r.chars(ALPHABETS.lower, 10)}`,
        `2025-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}T10:${r.between(10, 59)}:00Z`,
        'Set the token: see the onboarding guide for where to find it.',
      ]),
      places: NEUTRAL_PLACES,
    }),
  ],
];

const TOTAL_WEIGHT = CATEGORIES.reduce((sum, [, weight]) => sum + weight, 0);

/**
 * One decoy, its category drawn by weight.
 *
 * @example
 * makeDecoy(new Random(1)); // { category: 'uuid', name: 'X-Request-Id', value: '…', places: [...] }
 */
export function makeDecoy(r: Random): Decoy {
  let roll = r.int(TOTAL_WEIGHT);
  for (const [category, weight, make] of CATEGORIES) {
    if (roll < weight) return { category, ...make(r) };
    roll -= weight;
  }
  throw new Error('unreachable');
}
