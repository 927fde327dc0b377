/**
 * Keep-alive agents (Node's http/https) per distinct TLS configuration, shared by every request of
 * the process, so connections are pooled across thousands of requests. Node's client is used (not
 * undici) because it writes header names as given — Newman's own tests read `Content-Length` and
 * `Host` back from raw echoes — and because it costs nothing to load at startup.
 */
import http from 'node:http';
import type https from 'node:https';
import { closeLeanConnections, KEEP_ALIVE_PROBE_MS } from './h1.ts';
import { loadCrypto, loadHttps, loadTls } from './node-builtins.ts';
import type { ProtocolProfile, TlsOptions } from './types.ts';

const plainAgent = new http.Agent({ keepAlive: true, keepAliveMsecs: KEEP_ALIVE_PROBE_MS });
const secureAgents = new Map<string, https.Agent>();
/** Fast path: the runner usually passes the same TlsOptions object for every request. */
const secureAgentsByTls = new WeakMap<TlsOptions, https.Agent>();

function fingerprint(data: Buffer | undefined): string {
  return data ? loadCrypto().createHash('sha256').update(data).digest('base64') : '';
}

function settingsKey(tls: TlsOptions): string {
  return JSON.stringify([
    tls.rejectUnauthorized,
    fingerprint(tls.clientCert),
    fingerprint(tls.clientKey),
    tls.clientPassphrase ?? '',
    fingerprint(tls.extraCa),
    tls.minVersion ?? '',
    tls.maxVersion ?? '',
    tls.ciphers ?? '',
    (tls as TlsWithProfile).secureOptions ?? 0,
    (tls as TlsWithProfile).honorCipherOrder ?? false,
  ]);
}

/** TLS options with the protocolProfileBehavior knobs that have no field in TlsOptions. */
interface TlsWithProfile extends TlsOptions {
  secureOptions?: number;
  honorCipherOrder?: boolean;
}

function createSecureAgent(tls: TlsOptions): https.Agent {
  const extra = tls as TlsWithProfile;
  return new (loadHttps().Agent)({
    keepAlive: true,
    keepAliveMsecs: KEEP_ALIVE_PROBE_MS,
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.clientCert ? { cert: tls.clientCert } : {}),
    ...(tls.clientKey ? { key: tls.clientKey } : {}),
    ...(tls.clientPassphrase !== undefined ? { passphrase: tls.clientPassphrase } : {}),
    // Extra CAs extend Node's roots instead of replacing them (NODE_EXTRA_CA_CERTS semantics).
    ...(tls.extraCa ? { ca: [...loadTls().rootCertificates, tls.extraCa.toString()] } : {}),
    ...(tls.minVersion ? { minVersion: tls.minVersion as 'TLSv1.2' } : {}),
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion as 'TLSv1.3' } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
    ...(extra.secureOptions ? { secureOptions: extra.secureOptions } : {}),
    ...(extra.honorCipherOrder ? { honorCipherOrder: true } : {}),
  });
}

/**
 * The pooled agent for a scheme and TLS settings (created on first use).
 *
 * @example
 * const agent = agentFor({ rejectUnauthorized: true }, true)
 */
export function agentFor(tls: TlsOptions, secure: boolean): http.Agent {
  if (!secure) return plainAgent;
  const cached = secureAgentsByTls.get(tls);
  if (cached) return cached;
  const key = settingsKey(tls);
  let agent = secureAgents.get(key);
  if (!agent) {
    agent = createSecureAgent(tls);
    secureAgents.set(key, agent);
  }
  secureAgentsByTls.set(tls, agent);
  return agent;
}

/**
 * Closes every pooled connection (end of a run, tests). Agents keep working afterwards.
 *
 * @example
 * await closeHttpAgents()
 */
export async function closeHttpAgents(): Promise<void> {
  closeLeanConnections();
  plainAgent.destroy();
  for (const agent of secureAgents.values()) agent.destroy();
  secureAgents.clear();
}

const TLS_PROTOCOL_FLAGS: Record<string, string> = {
  SSLv2: 'SSL_OP_NO_SSLv2',
  SSLv3: 'SSL_OP_NO_SSLv3',
  TLSv1: 'SSL_OP_NO_TLSv1',
  TLSv1_1: 'SSL_OP_NO_TLSv1_1',
  TLSv1_2: 'SSL_OP_NO_TLSv1_2',
  TLSv1_3: 'SSL_OP_NO_TLSv1_3',
};

/**
 * The TLS options for a request: `strictSSL` and the protocolProfileBehavior TLS knobs
 * (`tlsDisabledProtocols`, `tlsCipherSelection`, `tlsPreferServerCiphers`) applied over the run's.
 * Returns the same object when the profile changes nothing, so the agent fast path keeps working.
 *
 * @example
 * effectiveTls({ rejectUnauthorized: true }, { strictSSL: false }) // { rejectUnauthorized: false }
 */
export function effectiveTls(tls: TlsOptions, profile: ProtocolProfile): TlsOptions {
  const strict = typeof profile.strictSSL === 'boolean' ? profile.strictSSL : undefined;
  const disabled = Array.isArray(profile.tlsDisabledProtocols) ? profile.tlsDisabledProtocols : undefined;
  const ciphers = Array.isArray(profile.tlsCipherSelection) ? profile.tlsCipherSelection : undefined;
  const preferServer = profile.tlsPreferServerCiphers === true;
  if ((strict === undefined || strict === tls.rejectUnauthorized) && !disabled && !ciphers && !preferServer) {
    return tls;
  }
  // Same derived object for the same knobs, so the agent lookup stays a WeakMap hit.
  const knobs = JSON.stringify([strict, disabled, ciphers, preferServer]);
  let derived = derivedTls.get(tls);
  const cached = derived?.get(knobs);
  if (cached) return cached;
  const result = deriveTls(tls, strict, disabled, ciphers, preferServer);
  if (!derived) {
    derived = new Map();
    derivedTls.set(tls, derived);
  }
  derived.set(knobs, result);
  return result;
}

const derivedTls = new WeakMap<TlsOptions, Map<string, TlsOptions>>();

function deriveTls(
  tls: TlsOptions,
  strict: boolean | undefined,
  disabled: unknown[] | undefined,
  ciphers: unknown[] | undefined,
  preferServer: boolean,
): TlsOptions {
  const result: TlsWithProfile = { ...tls };
  if (strict !== undefined) result.rejectUnauthorized = strict;
  if (disabled) {
    let secureOptions = 0;
    const flags = loadCrypto().constants as unknown as Record<string, number | undefined>;
    for (const protocol of disabled) {
      const flagName = TLS_PROTOCOL_FLAGS[String(protocol)];
      const flag = flagName ? flags[flagName] : undefined;
      if (flag) secureOptions |= flag;
    }
    result.secureOptions = secureOptions;
  }
  if (ciphers) result.ciphers = ciphers.map(String).join(':');
  if (preferServer) result.honorCipherOrder = true;
  return result;
}
