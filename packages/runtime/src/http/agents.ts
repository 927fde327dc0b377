/**
 * One undici Agent per distinct TLS configuration, shared by every request of the process, so
 * connections are pooled and kept alive across thousands of requests.
 */
import { createHash, constants as cryptoConstants } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { ProtocolProfile, TlsOptions } from './types.ts';

const agents = new Map<string, Agent>();
/** Fast path: the runner usually passes the same TlsOptions object for every request. */
const agentsByTls = new WeakMap<TlsOptions, Agent>();

function fingerprint(data: Buffer | undefined): string {
  return data ? createHash('sha256').update(data).digest('base64') : '';
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

function createAgent(tls: TlsOptions): Agent {
  const extra = tls as TlsWithProfile;
  // No connect timeout here: the request timeout (sender) covers connecting, as in Newman.
  const connect: Record<string, unknown> = { rejectUnauthorized: tls.rejectUnauthorized, timeout: 0 };
  if (tls.clientCert) connect.cert = tls.clientCert;
  if (tls.clientKey) connect.key = tls.clientKey;
  if (tls.clientPassphrase !== undefined) connect.passphrase = tls.clientPassphrase;
  // Extra CAs extend Node's roots instead of replacing them (NODE_EXTRA_CA_CERTS semantics).
  if (tls.extraCa) connect.ca = [...rootCertificates, tls.extraCa];
  if (tls.minVersion) connect.minVersion = tls.minVersion;
  if (tls.maxVersion) connect.maxVersion = tls.maxVersion;
  if (tls.ciphers) connect.ciphers = tls.ciphers;
  if (extra.secureOptions) connect.secureOptions = extra.secureOptions;
  if (extra.honorCipherOrder) connect.honorCipherOrder = true;
  return new Agent({ connect, keepAliveTimeout: 4_000, maxRedirections: 0 });
}

/**
 * The pooled agent for these TLS settings (created on first use).
 *
 * @example
 * const agent = agentFor({ rejectUnauthorized: true })
 */
export function agentFor(tls: TlsOptions): Agent {
  const cached = agentsByTls.get(tls);
  if (cached && !(cached as { closed?: boolean }).closed) return cached;
  const key = settingsKey(tls);
  let agent = agents.get(key);
  if (!agent) {
    agent = createAgent(tls);
    agents.set(key, agent);
  }
  agentsByTls.set(tls, agent);
  return agent;
}

/**
 * Closes every pooled agent (end of a run, tests). Agents are created again on demand.
 *
 * @example
 * await closeHttpAgents()
 */
export async function closeHttpAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.close()));
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
    const flags = cryptoConstants as unknown as Record<string, number | undefined>;
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
