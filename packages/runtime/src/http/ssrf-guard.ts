/**
 * The SSRF guard for requests the server sends on a user's behalf (server-side runs, monitors):
 * the target host is resolved first, every address it resolves to must be a public one (or
 * allow-listed by an administrator), and the connection is then pinned to the address that was
 * checked, so a second DNS answer (DNS rebinding) cannot move it to an internal host. It plugs into
 * the HTTP layer's egress hook, which runs before every hop, redirects and `pm.sendRequest`
 * included. The CLI does not use it: it runs on the user's own machine.
 */
import { BlockList, isIP } from 'node:net';
import { httpFailure } from './errors.ts';
import type { EgressPin } from './types.ts';

/** A request the guard refused; it fails as a request error and never reaches the target. */
export class SsrfRefusedError extends Error {
  override readonly name = 'SsrfRefusedError';
  readonly code = 'ESSRF';
}

/** A bad `POSTERN_SSRF_ALLOW` entry. */
export class SsrfAllowListError extends Error {
  override readonly name = 'SsrfAllowListError';
}

export interface SsrfGuardOptions {
  /** Loopback targets (127.0.0.0/8, ::1) are allowed (a server bound to 127.0.0.1). */
  allowLoopback?: boolean;
  /**
   * What an administrator allows besides public addresses: CIDRs (`10.0.0.0/8`, `fd00::/8`), single
   * addresses, host names (`internal.example`) and `*.` wildcards (`*.corp.example`, sub-domains only).
   */
  allow?: readonly string[];
  /** Resolves a host name to all its addresses (tests); default: `dns.lookup(host, {all: true})`. */
  resolve?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

type Family = 'ipv4' | 'ipv6';

/** Refused ranges, checked in this order; the text is what the refusal says. */
const REFUSED_RANGES: ReadonlyArray<readonly [reason: string, cidrs: readonly string[]]> = [
  ['loopback address', ['127.0.0.0/8', '::1/128']],
  ['link-local/metadata address', ['169.254.0.0/16']],
  ['link-local address', ['fe80::/10']],
  ['private address', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10']],
  ['unspecified address', ['0.0.0.0/8', '::/128']],
  ['shared address space (CGNAT)', ['100.64.0.0/10']],
  ['reserved address', ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4']],
  ['multicast address', ['224.0.0.0/4', 'ff00::/8']],
];

const LOOPBACK_REASON = 'loopback address';

/**
 * One BlockList per refused range (Node's BlockList also matches IPv4-mapped IPv6 forms), built on
 * first use: building them costs every `postern run` several ms of startup, and the CLI never asks.
 */
let refusedLists: Array<{ reason: string; list: BlockList }> | undefined;

function refusedRanges(): Array<{ reason: string; list: BlockList }> {
  refusedLists ??= REFUSED_RANGES.map(([reason, cidrs]) => {
    const list = new BlockList();
    for (const cidr of cidrs) addCidr(list, cidr);
    return { reason, list };
  });
  return refusedLists;
}

function familyOf(address: string): Family | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** Adds `a.b.c.d/n`, `x::/n` or a single address to a BlockList; false when it is neither. */
function addCidr(list: BlockList, entry: string): boolean {
  const [base = '', bits, extra] = entry.split('/');
  const family = familyOf(base);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) {
    list.addAddress(base, family);
    return true;
  }
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (!(prefix >= 0 && prefix <= (family === 'ipv4' ? 32 : 128))) return false;
  list.addSubnet(base, prefix, family);
  return true;
}

/** The 8 hextets of an IPv6 address (a trailing dotted quad is read as two hextets). */
function hextets(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => Number.parseInt(h, 16));
}

/**
 * The IPv4 address carried inside an IPv6 one by a translation or tunnelling scheme that a host
 * may route to that IPv4 address: NAT64 (64:ff9b::/96), IPv4-compatible (::a.b.c.d) and 6to4
 * (2002:AABB:CCDD::/48). IPv4-mapped forms are matched by the BlockLists themselves.
 */
export function embeddedIPv4(address: string): string | undefined {
  if (familyOf(address) !== 'ipv6') return undefined;
  const h = hextets(address);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeroUpTo = (n: number) => h.slice(0, n).every((x) => x === 0);
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) {
    return quad(h[6] ?? 0, h[7] ?? 0);
  }
  // ::/96 but not :: or ::1 (those are classified as IPv6).
  if (zeroUpTo(6) && ((h[6] ?? 0) !== 0 || (h[7] ?? 0) > 1)) return quad(h[6] ?? 0, h[7] ?? 0);
  if (h[0] === 0x2002) return quad(h[1] ?? 0, h[2] ?? 0);
  return undefined;
}

/**
 * Why an address may not be reached from the server, or undefined for a public address.
 *
 * @example
 * refusalReason('169.254.169.254') // 'link-local/metadata address'
 * refusalReason('::ffff:127.0.0.1') // 'loopback address'
 * refusalReason('93.184.216.34') // undefined
 */
export function refusalReason(address: string): string | undefined {
  const family = familyOf(address);
  if (!family) return 'not an IP address';
  const bare = address.split('%')[0] ?? address;
  for (const { reason, list } of refusedRanges()) if (list.check(bare, family)) return reason;
  const inner = embeddedIPv4(bare);
  return inner ? refusalReason(inner) : undefined;
}

/** What an allow-list permits: addresses in CIDRs and host names. */
interface AllowList {
  addresses: BlockList;
  names: Set<string>;
  suffixes: string[];
}

/**
 * Reads allow-list entries (as in `POSTERN_SSRF_ALLOW=10.0.0.0/8,internal.example`); throws
 * SsrfAllowListError naming the first entry that is neither a CIDR, an address nor a host name.
 *
 * @example parseSsrfAllowList('10.0.0.0/8, internal.example') // ['10.0.0.0/8', 'internal.example']
 */
export function parseSsrfAllowList(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  compileAllowList(entries);
  return entries;
}

const HOST_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/;

function compileAllowList(entries: readonly string[]): AllowList {
  const allow: AllowList = { addresses: new BlockList(), names: new Set(), suffixes: [] };
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (addCidr(allow.addresses, entry)) continue;
    const name = entry.replace(/\.$/, '');
    if (entry.includes('/') || !HOST_NAME.test(name) || familyOf(name)) {
      throw new SsrfAllowListError(
        `SSRF allow-list entry "${raw}" is not a CIDR (10.0.0.0/8), an address or a host name`,
      );
    }
    if (name.startsWith('*.')) allow.suffixes.push(name.slice(1));
    else allow.names.add(name);
  }
  return allow;
}

/** The host of a URL as resolvers take it: no brackets, no trailing dot, lower case. */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

async function defaultResolve(host: string): Promise<Array<{ address: string; family: number }>> {
  // loaded on first use: the guard sits in every `postern run`, which never resolves through it
  const { lookup } = await import('node:dns/promises');
  return lookup(host, { all: true, verbatim: true });
}

/**
 * The egress hook of server-side sends: resolves the URL's host, refuses it when any address is
 * loopback (unless `allowLoopback`), link-local/metadata, private, unspecified, CGNAT, reserved or
 * multicast (IPv4-mapped and other embedded forms too) and not allow-listed, and otherwise returns
 * the address the connection must use. Throws SsrfAllowListError for a bad allow-list entry.
 *
 * @example
 * const guard = createSsrfGuard({ allowLoopback: false, allow: ['10.1.0.0/16'] });
 * await guard(new URL('http://169.254.169.254/latest/meta-data'));
 * // throws SsrfRefusedError: refused to connect to 169.254.169.254: link-local/metadata address (SSRF guard)
 */
export function createSsrfGuard(options: SsrfGuardOptions = {}): (url: URL) => Promise<EgressPin> {
  const allow = compileAllowList(options.allow ?? []);
  const resolve = options.resolve ?? defaultResolve;
  const nameAllowed = (host: string) =>
    allow.names.has(host) || allow.suffixes.some((suffix) => host.endsWith(suffix));

  return async (url) => {
    const host = bareHost(url.hostname);
    const literal = familyOf(host);
    let addresses: Array<{ address: string }>;
    if (literal) addresses = [{ address: host }];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ENOTFOUND';
        throw httpFailure(`getaddrinfo ${code} ${host}`, code);
      }
    }
    const first = addresses[0];
    if (!first) throw httpFailure(`getaddrinfo ENOTFOUND ${host}`, 'ENOTFOUND');
    if (nameAllowed(host)) return { address: first.address };
    for (const { address } of addresses) {
      const reason = refusalReason(address);
      if (reason === undefined || (reason === LOOPBACK_REASON && options.allowLoopback)) continue;
      const family = familyOf(address);
      if (family && allow.addresses.check(address, family)) continue;
      const shown = literal ? address : `${host} (${address})`;
      throw new SsrfRefusedError(`refused to connect to ${shown}: ${reason} (SSRF guard)`);
    }
    return { address: first.address };
  };
}
