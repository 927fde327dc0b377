/** Server settings, from flags and environment. */
import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  /** Where SQLite, the master key and the mail outbox live. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl?: string;
  /** The URL users reach the server at (links in mail and the setup link). */
  publicUrl: string;
  /** Origins allowed to call the API from a browser (`POSTERN_CORS_ORIGINS`, comma-separated); none by default. */
  corsOrigins: string[];
  /** `smtp://[user:pass@]host:port` sends mail over SMTP; without it mail goes to `<dataDir>/outbox/`. */
  smtpUrl?: string;
  /** The sender of the server's mail (`POSTERN_MAIL_FROM`). */
  mailFrom: string;
  /** Requests per minute one client address may send to each /api/auth route (`POSTERN_AUTH_RATE_LIMIT`). */
  authRateLimit: number;
  /** The SSRF guard of requests the server sends (server-side runs); see SECURITY.md. */
  ssrf: SsrfSettings;
  /** A server-side run is stopped after this many ms (`POSTERN_RUN_TIMEOUT_MS`, default 60 s). */
  runTimeoutMs: number;
}

export interface SsrfSettings {
  /**
   * Loopback targets are allowed (`POSTERN_SSRF_ALLOW_LOOPBACK=true|false`); by default only when
   * the server listens on a loopback address (the user's own machine).
   */
  allowLoopback: boolean;
  /** CIDRs and host names an administrator allows (`POSTERN_SSRF_ALLOW=10.0.0.0/8,internal.example`). */
  allow: string[];
}

export function resolveConfig(input: Partial<ServerConfig> & { env?: NodeJS.ProcessEnv }): ServerConfig {
  const env = input.env ?? process.env;
  const host = input.host ?? env.POSTERN_HOST ?? '127.0.0.1';
  const port = input.port ?? Number(env.POSTERN_PORT ?? 7300);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    dataDir: resolve(input.dataDir ?? env.POSTERN_DATA_DIR ?? '.postern'),
    databaseUrl: input.databaseUrl ?? env.POSTERN_DATABASE_URL ?? undefined,
    corsOrigins:
      input.corsOrigins ??
      (env.POSTERN_CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    publicUrl: (input.publicUrl ?? env.POSTERN_PUBLIC_URL ?? `http://${urlHost}:${port}`).replace(/\/$/, ''),
    smtpUrl: input.smtpUrl ?? env.POSTERN_SMTP_URL ?? undefined,
    mailFrom: input.mailFrom ?? env.POSTERN_MAIL_FROM ?? 'Postern <postern@localhost>',
    authRateLimit:
      input.authRateLimit ?? positiveInt(env.POSTERN_AUTH_RATE_LIMIT, 'POSTERN_AUTH_RATE_LIMIT') ?? 100,
    ssrf: input.ssrf ?? {
      allowLoopback:
        flag(env.POSTERN_SSRF_ALLOW_LOOPBACK, 'POSTERN_SSRF_ALLOW_LOOPBACK') ?? isLoopbackHost(host),
      allow: (env.POSTERN_SSRF_ALLOW ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    },
    runTimeoutMs:
      input.runTimeoutMs ?? positiveInt(env.POSTERN_RUN_TIMEOUT_MS, 'POSTERN_RUN_TIMEOUT_MS') ?? 60_000,
  };
}

/** Whether the server listens only on this machine (then it is the user's own, see SECURITY.md). */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function flag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}
