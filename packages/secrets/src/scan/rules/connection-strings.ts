/**
 * URLs with a password in their user info: database and broker connection strings
 * (`postgres://user:pass@host`, `mongodb+srv://…`, `redis://:pass@…`, `jdbc:mysql://…`) and HTTP(S)
 * URLs with basic credentials. The password is the secret.
 */
import { characterClasses } from '../entropy.ts';
import { isPlaceholderPassword } from '../placeholders.ts';
import type { Pattern, Rule } from '../types.ts';
import { defineRule } from './define.ts';

function connection(id: string, provider: string, what: string): Rule {
  return defineRule(
    `connection-string-${id}`,
    provider,
    `${what} connection string with a password`,
    'format',
  );
}

const RULES = {
  postgres: connection('postgres', 'PostgreSQL', 'PostgreSQL'),
  mysql: connection('mysql', 'MySQL', 'MySQL / MariaDB'),
  mongodb: connection('mongodb', 'MongoDB', 'MongoDB'),
  redis: connection('redis', 'Redis', 'Redis'),
  amqp: connection('amqp', 'RabbitMQ', 'AMQP (RabbitMQ)'),
  sqlserver: connection('sqlserver', 'SQL Server', 'SQL Server'),
  jdbc: connection('jdbc', 'JDBC', 'JDBC'),
  smtp: connection('smtp', 'SMTP', 'SMTP'),
  ftp: connection('ftp', 'FTP', 'FTP / SFTP'),
  ldap: connection('ldap', 'LDAP', 'LDAP'),
  cloudinary: defineRule('cloudinary-url', 'Cloudinary', 'Cloudinary URL with API secret', 'format'),
  other: connection('other', 'Database', 'Database or broker'),
  http: defineRule('url-credentials', 'Generic', 'HTTP(S) URL with a password', 'format'),
} as const;

const BY_SCHEME: Record<string, Rule> = {
  postgres: RULES.postgres,
  postgresql: RULES.postgres,
  'jdbc:postgresql': RULES.postgres,
  cockroachdb: RULES.postgres,
  mysql: RULES.mysql,
  mysqlx: RULES.mysql,
  mariadb: RULES.mysql,
  'jdbc:mysql': RULES.mysql,
  'jdbc:mariadb': RULES.mysql,
  mongodb: RULES.mongodb,
  'mongodb+srv': RULES.mongodb,
  redis: RULES.redis,
  rediss: RULES.redis,
  valkey: RULES.redis,
  amqp: RULES.amqp,
  amqps: RULES.amqp,
  mssql: RULES.sqlserver,
  sqlserver: RULES.sqlserver,
  'jdbc:sqlserver': RULES.sqlserver,
  smtp: RULES.smtp,
  smtps: RULES.smtp,
  ftp: RULES.ftp,
  ftps: RULES.ftp,
  sftp: RULES.ftp,
  ldap: RULES.ldap,
  ldaps: RULES.ldap,
  cloudinary: RULES.cloudinary,
  http: RULES.http,
  https: RULES.http,
};

function ruleFor(scheme: string): Rule {
  const known = BY_SCHEME[scheme];
  if (known) return known;
  return scheme.startsWith('jdbc:') ? RULES.jdbc : RULES.other;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A password worth reporting: not a placeholder or default, and not trivially simple. */
function isRealPassword(password: string, user: string): boolean {
  const clear = decode(password);
  if (isPlaceholderPassword(clear, decode(user))) return false;
  const c = characterClasses(clear);
  const classes = [c.lower, c.upper, c.digit, c.other].filter((n) => n > 0).length;
  return classes >= 2 || clear.length >= 12;
}

export const connectionStringPatterns: readonly Pattern[] = [
  {
    rules: Object.values(RULES),
    keywords: ['://'],
    regex:
      /(?<![A-Za-z0-9+.-])(?<scheme>[A-Za-z][A-Za-z0-9+]{1,20}(?::[a-z0-9]{2,20})?):\/\/(?<user>[^\s:@/"'<>?#\\]{0,128}):(?<secret>[^\s@/"'<>?#\\]{1,256})@(?=[^\s"'<>/@]{1,253})/g,
    pick: (secret, match) => {
      const scheme = (match.groups?.scheme ?? '').toLowerCase();
      return isRealPassword(secret, match.groups?.user ?? '') ? ruleFor(scheme) : undefined;
    },
    maxLength: 700,
    allowRepetition: true,
  },
];
