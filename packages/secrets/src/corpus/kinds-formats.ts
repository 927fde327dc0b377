/** Formats without a provider (private keys, JWTs, connection strings) and context-only secrets. */
import { NAMES, named, type Place, type SecretKind, token } from './kinds.ts';
import { ALPHABETS, base64url, type Random } from './random.ts';

/** A PEM block: base64 body in 64-character lines between BEGIN and END lines. */
function pem(label: string, bytes: number, prefix = ''): (r: Random) => string {
  return (r) => {
    const body = prefix + r.base64Bytes(bytes);
    const lines = body.match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
  };
}

const KEY_PLACES: readonly Place[] = ['environment', 'text', 'body-raw', 'collection-variable', 'dotenv'];
const KEY_NAMES = ['private_key', 'PRIVATE_KEY', 'signingKey', 'SSH_PRIVATE_KEY'];

function key(kind: string, make: (r: Random) => string): SecretKind {
  return { kind, make, names: KEY_NAMES, places: KEY_PLACES };
}

const keys: SecretKind[] = [
  key('private-key-rsa', pem('RSA PRIVATE KEY', 1190, 'MIIEpAIBAAKCAQEA')),
  key('private-key-ec', pem('EC PRIVATE KEY', 105, 'MHcCAQEEI')),
  key(
    'private-key-openssh',
    pem('OPENSSH PRIVATE KEY', 380, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'),
  ),
  key('private-key-pkcs8', pem('PRIVATE KEY', 1210, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC')),
  key('private-key-dsa', pem('DSA PRIVATE KEY', 440, 'MIIBuwIBAAKBgQ')),
  key('private-key-encrypted', pem('ENCRYPTED PRIVATE KEY', 1250, 'MIIFHDBOBgkqhkiG9w0BBQ0w')),
  key('private-key-putty', (r) => {
    const lines = (bytes: number) => (r.base64Bytes(bytes).match(/.{1,64}/g) ?? []).join('\n');
    const publicLines = lines(270);
    const privateLines = lines(640);
    return [
      'PuTTY-User-Key-File-3: ssh-rsa',
      'Encryption: none',
      `Comment: rsa-key-2024${r.digits(4)}`,
      `Public-Lines: ${publicLines.split('\n').length}`,
      publicLines,
      `Private-Lines: ${privateLines.split('\n').length}`,
      privateLines,
      `Private-MAC: ${r.hex(64)}`,
    ].join('\n');
  }),
  key('private-key-pgp', (r) => {
    const body = (r.base64Bytes(900).match(/.{1,64}/g) ?? []).join('\n');
    return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBG${body}\n=${r.chars(ALPHABETS.base64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`;
  }),
];

function jwt(r: Random): string {
  const header = { alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' };
  const now = 1_700_000_000 + r.int(50_000_000);
  const payload = {
    sub: r.uuid(),
    iss: r.pick(['https://auth.acme.dev/', 'https://login.example-idp.net', 'postern']),
    scope: r.pick(['read write', 'admin', 'openid profile email']),
    iat: now,
    exp: now + 3600,
  };
  const signature = r.urlsafe(header.alg === 'RS256' ? 342 : 43);
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

/** Passwords as people and generators make them: mixed characters, 12–24 long. */
export function password(r: Random): string {
  let value = '';
  while (!/[a-z]/.test(value) || !/[A-Z0-9]/.test(value))
    value = r.chars(ALPHABETS.password, r.between(12, 24));
  return value;
}

/** Passwords that survive inside a URL's user info unencoded. */
function urlPassword(r: Random): string {
  return `${r.base62(r.between(10, 20))}${r.pick(['', '_', '-', '~'])}${r.base62(4)}`;
}

const EMBEDDED_PLACES: readonly Place[] = [
  'environment',
  'dotenv',
  'text',
  'body-raw',
  'collection-variable',
  'prerequest',
  'description',
];

/** A secret inside a longer value (a URL, a connection string): the label is the secret alone. */
function embedded(
  kind: string,
  make: (r: Random) => string,
  wrap: (secret: string, r: Random) => string,
): SecretKind {
  return {
    kind,
    names: ['DATABASE_URL', 'connectionString', 'BROKER_URL', 'dsn', 'url'],
    places: EMBEDDED_PLACES,
    make,
    wrap,
  };
}

function connection(kind: string, scheme: string, hostPort: string, path: string): SecretKind {
  const user = ['app', 'admin', 'svc_orders', 'reporting'];
  return embedded(
    kind,
    urlPassword,
    (secret, r) => `${scheme}://${r.pick(user)}:${secret}@${hostPort}${path}`,
  );
}

const SAS_QUERY = 'sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https';

const formats: SecretKind[] = [
  ...keys,
  token('jwt', ['Authorization', 'access_token', 'id_token', 'JWT', 'token'], jwt),
  connection(
    'connection-string-postgres',
    'postgres',
    'db.internal.acme.dev:5432',
    '/orders?sslmode=require',
  ),
  connection('connection-string-mysql', 'mysql', 'mysql-prod.acme.dev:3306', '/shop'),
  connection(
    'connection-string-mongodb',
    'mongodb+srv',
    'cluster0.x1y2z.mongodb.net',
    '/app?retryWrites=true&w=majority',
  ),
  connection('connection-string-redis', 'rediss', 'cache.acme.dev:6380', '/0'),
  connection('connection-string-amqp', 'amqps', 'broker.acme.dev:5671', '/vhost'),
  connection('connection-string-sqlserver', 'sqlserver', 'sql.acme.dev:1433', ';databaseName=crm'),
  connection('connection-string-smtp', 'smtps', 'smtp.mailhost.dev:465', ''),
  connection('url-credentials', 'https', 'registry.acme.dev', '/repository/npm/'),
  connection('connection-string-jdbc', 'jdbc:db2', 'db2.acme.dev:50000', '/SAMPLE'),
  connection('connection-string-ftp', 'sftp', 'files.acme.dev', '/uploads'),
  connection('connection-string-ldap', 'ldaps', 'ldap.acme.dev:636', ''),
  connection('connection-string-other', 'neo4j+s', 'a1b2c3d4.databases.neo4j.io', ''),
  embedded(
    'cloudinary-url',
    (r) => r.urlsafe(27),
    (secret, r) => `cloudinary://${r.digits(15)}:${secret}@acme-media`,
  ),
  embedded(
    'azure-storage-account-key',
    (r) => r.base64Bytes(64),
    (secret, r) =>
      `DefaultEndpointsProtocol=https;AccountName=acme${r.chars(ALPHABETS.lowerAlnum, 6)};AccountKey=${secret};EndpointSuffix=core.windows.net`,
  ),
  embedded(
    'azure-shared-access-key',
    (r) => r.base64Bytes(32),
    (secret) =>
      `Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${secret}`,
  ),
  embedded(
    'azure-sas-token',
    (r) => encodeURIComponent(r.base64Bytes(32)),
    (secret) => `https://acmeexports.blob.core.windows.net/reports/daily.csv?${SAS_QUERY}&sig=${secret}`,
  ),
];

const P = NAMES.password;
/** Where an `Authorization` header value is written. */
const HEADER_PLACES: readonly Place[] = [
  'header',
  'prerequest',
  'environment',
  'body-raw',
  'collection-variable',
  'text',
];
const contextKinds: SecretKind[] = [
  named('generic-password', P, password, ['auth-basic']),
  named('generic-api-key', NAMES.apiKey, (r) => (r.chance(0.5) ? r.hex(32) : r.base62(32)), ['auth-apikey']),
  named('generic-token', NAMES.token, (r) => (r.chance(0.5) ? r.base62(40) : r.urlsafe(48)), [
    'auth-bearer',
    'auth-oauth2',
  ]),
  named('generic-secret', NAMES.secret, (r) => r.base62(r.between(32, 48))),
  {
    ...named('authorization-header', ['Authorization'], (r) => r.urlsafe(40)),
    places: HEADER_PLACES,
    wrap: (secret, r) => `${r.pick(['Bearer', 'Token', 'Bearer'])} ${secret}`,
  },
  {
    ...named('authorization-header', ['Authorization'], (r) =>
      btoa(`${r.pick(['admin', 'ci-bot', 'reporter'])}:${password(r)}`),
    ),
    places: HEADER_PLACES,
    wrap: (secret) => `Basic ${secret}`,
  },
  named('aws-secret-access-key', ['AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key', 'secretAccessKey'], (r) =>
    r.chars(ALPHABETS.base62 + '+/', 40),
  ),
  named('datadog-api-key', ['DD_API_KEY', 'DD-API-KEY', 'datadog_api_key'], (r) => r.hex(32)),
  named('heroku-api-key-legacy', ['HEROKU_API_KEY'], (r) => r.uuid()),
  named('algolia-api-key', ['ALGOLIA_ADMIN_KEY', 'X-Algolia-API-Key'], (r) => r.hex(32)),
  named('cloudflare-api-token', ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'], (r) => r.urlsafe(40)),
  named('okta-api-token', ['OKTA_API_TOKEN'], (r) => `00${r.urlsafe(40)}`),
  named('twilio-auth-token', ['TWILIO_AUTH_TOKEN'], (r) => r.hex(32)),
  named(
    'discord-bot-token',
    ['DISCORD_BOT_TOKEN'],
    (r) => `${base64url(r.digits(18))}.${r.urlsafe(6)}.${r.urlsafe(38)}`,
  ),
  named('postmark-server-token', ['POSTMARK_SERVER_TOKEN', 'X-Postmark-Server-Token'], (r) => r.uuid()),
  named('snyk-api-token', ['SNYK_TOKEN'], (r) => r.uuid()),
  named('splunk-hec-token', ['SPLUNK_HEC_TOKEN'], (r) => r.uuid()),
  named('mailjet-api-secret', ['MAILJET_API_SECRET', 'MJ_APIKEY_PRIVATE'], (r) => r.hex(32)),
  named('linode-api-token', ['LINODE_TOKEN'], (r) => r.hex(64)),
  named('hetzner-api-token', ['HCLOUD_TOKEN'], (r) => r.base62(64)),
  named('vultr-api-key', ['VULTR_API_KEY'], (r) => r.chars(ALPHABETS.upperAlnum, 36)),
  named('cohere-api-key', ['COHERE_API_KEY'], (r) => r.base62(40)),
  named('mistral-api-key', ['MISTRAL_API_KEY'], (r) => r.base62(32)),
  named('confluent-api-secret', ['CONFLUENT_CLOUD_API_SECRET', 'KAFKA_API_SECRET'], (r) =>
    r.chars(ALPHABETS.base62 + '+/', 64),
  ),
  named('pagerduty-api-key', ['PAGERDUTY_API_KEY'], (r) => `u+${r.urlsafe(18)}`),
  named('rollbar-access-token', ['ROLLBAR_ACCESS_TOKEN'], (r) => r.hex(32)),
  named('zendesk-api-token', ['ZENDESK_API_TOKEN'], (r) => r.base62(40)),
  named('wandb-api-key', ['WANDB_API_KEY'], (r) => r.hex(40)),
  named('mixpanel-api-secret', ['MIXPANEL_API_SECRET'], (r) => r.hex(32)),
  named('vercel-token', ['VERCEL_TOKEN'], (r) => r.base62(24)),
  named('ngrok-authtoken', ['NGROK_AUTHTOKEN'], (r) => `${r.base62(27)}_${r.base62(21)}`),
  named('codecov-token', ['CODECOV_TOKEN'], (r) => r.uuid()),
  named('saucelabs-access-key', ['SAUCE_ACCESS_KEY'], (r) => r.uuid()),
  named('browserstack-access-key', ['BROWSERSTACK_ACCESS_KEY'], (r) => r.base62(20)),
  named('pusher-app-secret', ['PUSHER_APP_SECRET'], (r) => r.hex(20)),
  named('azure-devops-pat', ['AZURE_DEVOPS_PAT', 'AZDO_PERSONAL_ACCESS_TOKEN'], (r) =>
    r.chars('abcdefghijklmnopqrstuvwxyz234567', 52),
  ),
];

export const formatKinds: readonly SecretKind[] = [...formats, ...contextKinds];
