/**
 * Node modules that only some requests need, loaded synchronously on first use: TLS for https URLs,
 * zlib for compressed responses, crypto for TLS agent settings. Each costs `postern run` startup time (https and tls together
 * ~30 ms), and most runs against a local API need neither.
 */
import { createRequire } from 'node:module';

type Https = typeof import('node:https');
type Tls = typeof import('node:tls');
type Zlib = typeof import('node:zlib');
type Crypto = typeof import('node:crypto');

const require = createRequire(import.meta.url);
let https: Https | undefined;
let tls: Tls | undefined;
let zlib: Zlib | undefined;
let crypto: Crypto | undefined;

/** `node:https`, loaded on first call. @example loadHttps().request(options) */
export function loadHttps(): Https {
  https ??= require('node:https') as Https;
  return https;
}

/** `node:tls`, loaded on first call. @example loadTls().rootCertificates */
export function loadTls(): Tls {
  tls ??= require('node:tls') as Tls;
  return tls;
}

/** `node:zlib`, loaded on first call. @example loadZlib().gunzipSync(data) */
export function loadZlib(): Zlib {
  zlib ??= require('node:zlib') as Zlib;
  return zlib;
}

/** `node:crypto`, loaded on first call (~10 ms). @example loadCrypto().createHash('sha256') */
export function loadCrypto(): Crypto {
  crypto ??= require('node:crypto') as Crypto;
  return crypto;
}
