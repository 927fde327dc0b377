/**
 * Which field, header, parameter or variable names hold credentials. A name is split into words
 * (`X-API-Key` → x, api, key; `clientSecret` → client, secret; `PGPASSWORD` → pgpassword) and
 * classified: `password`, `token`, `api-key`, `secret` or `authorization`. Names that describe a
 * credential rather than hold one (`token_type`, `password_hint`, `secretName`, `apiKeyId`) and
 * non-credential "keys" and "tokens" (`idempotencyKey`, `nextPageToken`) are not credential names.
 */

export type CredentialClass = 'password' | 'token' | 'api-key' | 'secret' | 'authorization';

/** Words ending like these name a credential (so `dbpassword`, `accesstoken` and `xapikey` do too). */
const SUFFIXES: ReadonlyArray<readonly [string, CredentialClass]> = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['passphrase', 'password'],
  ['pwd', 'password'],
  ['apikey', 'api-key'],
  ['accesskey', 'api-key'],
  ['secretkey', 'secret'],
  ['privatekey', 'secret'],
  ['secret', 'secret'],
  ['token', 'token'],
  ['credential', 'secret'],
  ['credentials', 'secret'],
];

/** Words that are credential names on their own. */
const WHOLE_WORDS: ReadonlyMap<string, CredentialClass> = new Map([
  ['pass', 'password'],
  ['pw', 'password'],
  ['auth', 'token'],
  ['authorization', 'authorization'],
  ['bearer', 'token'],
  ['jwt', 'token'],
  ['pat', 'token'],
]);

/** A `key` preceded by one of these words is a credential (`api key`, `secret key`, `app key`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'app',
  'application',
  'client',
  'master',
  'signing',
  'encryption',
  'session',
  'account',
  'service',
  'subscription',
  'consumer',
  'ssh',
  'hmac',
  'jwt',
  'webhook',
  'admin',
  'license',
  'ingest',
  'server',
  'deploy',
  'personal',
  'integration',
  'shared',
  'storage',
  'root',
  'partner',
  'merchant',
  'developer',
  'dev',
  'user',
  'sdk',
  'write',
  'rest',
]);

const SECRET_KEY_QUALIFIERS = new Set([
  'private',
  'secret',
  'signing',
  'encryption',
  'master',
  'ssh',
  'hmac',
  'jwt',
  'shared',
  'root',
]);

/** A last word that makes the name describe a credential instead of holding one. */
const DESCRIPTIVE_LAST_WORDS = new Set([
  'type',
  'types',
  'url',
  'uri',
  'endpoint',
  'name',
  'names',
  'id',
  'ids',
  'expiry',
  'expires',
  'expiration',
  'lifetime',
  'ttl',
  'length',
  'prefix',
  'header',
  'count',
  'limit',
  'hash',
  'hashed',
  'digest',
  'salt',
  'location',
  'param',
  'parameter',
  'field',
  'format',
  'version',
  'placeholder',
  'hint',
  'label',
  'description',
  'policy',
  'kind',
  'mode',
  'in',
  'path',
  'file',
  'filename',
  'enabled',
  'required',
  'rotation',
  'created',
  'updated',
  'at',
  'date',
  'time',
  'timestamp',
  'status',
  'strength',
  'regex',
  'pattern',
  'min',
  'max',
  'fingerprint',
  'algorithm',
  'alg',
  'encoding',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'provider',
  'source',
  'ref',
  'reference',
  'usage',
  'index',
  'valid',
  'visible',
  'masked',
  'storage',
  'input',
  'rules',
  'manager',
  'managers',
  'start',
  'end',
  'char',
  'chars',
  'class',
  'classes',
  'prefixes',
  'suffix',
  'suffixes',
  'qualifiers',
  'words',
  'kinds',
  'places',
  'patterns',
  'set',
  'changed',
  'reset',
]);

/** Words that make any `key` or `token` in the name a non-credential. */
const NON_CREDENTIAL_WORDS = new Set([
  'page',
  'pagination',
  'next',
  'previous',
  'continuation',
  'cursor',
  'sync',
  'csrf',
  'xsrf',
  'idempotency',
  'cache',
  'sort',
  'primary',
  'foreign',
  'partition',
  'public',
  'publishable',
  'lookup',
  'dedup',
  'deduplication',
  'routing',
  'unique',
  'i18n',
  'translation',
  'tokenizer',
  'max',
  'grant',
  'push',
]);

const cache = new Map<string, CredentialClass | null>();

/**
 * The kind of credential a name holds, or undefined when it is not a credential name.
 *
 * @example
 * credentialClass('X-API-Key'); // 'api-key'
 * credentialClass('Authorization'); // 'authorization'
 * credentialClass('token_type'); // undefined
 */
export function credentialClass(name: string): CredentialClass | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const result = classify(nameWords(name));
  if (cache.size > 10_000) cache.clear();
  cache.set(name, result ?? null);
  return result;
}

/**
 * Splits an identifier into lower-case words at separators and camelCase boundaries.
 *
 * @example
 * nameWords('X-APIKey_value'); // ['x', 'api', 'key', 'value']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function classify(words: readonly string[]): CredentialClass | undefined {
  const last = words[words.length - 1];
  if (last === undefined || DESCRIPTIVE_LAST_WORDS.has(last)) return undefined;
  if (words.some((w) => NON_CREDENTIAL_WORDS.has(w))) return undefined;
  let found: CredentialClass | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const kind = wordClass(word) ?? (word === 'key' && i > 0 ? keyClass(words[i - 1] as string) : undefined);
    // The most telling word wins: `authorization` over `token`, `password` over `secret`.
    if (kind && (found === undefined || rank(kind) > rank(found))) found = kind;
  }
  return found;
}

/** `private key`, `signing key` are secrets; `api key`, `access key`, `app key` are API keys. */
function keyClass(qualifier: string): CredentialClass | undefined {
  if (!KEY_QUALIFIERS.has(qualifier)) return undefined;
  return SECRET_KEY_QUALIFIERS.has(qualifier) ? 'secret' : 'api-key';
}

function wordClass(word: string): CredentialClass | undefined {
  const whole = WHOLE_WORDS.get(word);
  if (whole) return whole;
  for (const [suffix, kind] of SUFFIXES) if (word.endsWith(suffix)) return kind;
  return undefined;
}

function rank(kind: CredentialClass): number {
  return ['api-key', 'secret', 'token', 'password', 'authorization'].indexOf(kind);
}
