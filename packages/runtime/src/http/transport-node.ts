/**
 * One HTTP exchange over Node's http/https modules, used only for `insecureHTTPParser` (undici's
 * parser has no lenient mode). Keep-alive agents are pooled per TLS configuration like undici's.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { httpFailure } from './errors.ts';
import type { HopRequest, HopResponse } from './transport.ts';
import type { TlsOptions } from './types.ts';

const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgents = new WeakMap<TlsOptions, https.Agent>();

function httpsAgentFor(tls: TlsOptions): https.Agent {
  let agent = httpsAgents.get(tls);
  if (!agent) {
    const extra = tls as TlsOptions & { secureOptions?: number; honorCipherOrder?: boolean };
    agent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(tls.clientCert ? { cert: tls.clientCert } : {}),
      ...(tls.clientKey ? { key: tls.clientKey } : {}),
      ...(tls.clientPassphrase !== undefined ? { passphrase: tls.clientPassphrase } : {}),
      ...(tls.extraCa ? { ca: [...rootCertificates, tls.extraCa.toString()] } : {}),
      ...(tls.minVersion ? { minVersion: tls.minVersion as 'TLSv1.2' } : {}),
      ...(tls.maxVersion ? { maxVersion: tls.maxVersion as 'TLSv1.3' } : {}),
      ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
      ...(extra.secureOptions ? { secureOptions: extra.secureOptions } : {}),
      ...(extra.honorCipherOrder ? { honorCipherOrder: true } : {}),
    });
    httpsAgents.set(tls, agent);
  }
  return agent;
}

/**
 * Sends one request with Node's lenient HTTP parser and buffers the response.
 *
 * @example
 * const hop = await dispatchHopLenient({ origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: [], timeout: 0 }, tls)
 */
export function dispatchHopLenient(request: HopRequest, tls: TlsOptions, lenient = true): Promise<HopResponse> {
  return new Promise((resolve, reject) => {
    const origin = new URL(request.origin);
    const secure = origin.protocol === 'https:';
    const options: http.RequestOptions = {
      protocol: origin.protocol,
      hostname: origin.hostname.replace(/^\[|\]$/g, ''),
      port: origin.port,
      path: request.path,
      method: request.method,
      headers: request.headers,
      agent: secure ? httpsAgentFor(tls) : httpAgent,
      insecureHTTPParser: lenient,
      setHost: !request.headers.some((_, i) => i % 2 === 0 && request.headers[i]?.toLowerCase() === 'host'),
    };
    let requestSent = false;
    let settled = false;
    const { signal } = request;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const req = (secure ? https : http).request(options, (res) => {
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status: res.statusCode ?? 0,
          statusText: Buffer.from(res.statusMessage ?? '', 'latin1').toString('utf8'),
          rawHeaders: res.rawHeaders.map((part) => Buffer.from(part, 'latin1')),
          body: Buffer.concat(chunks),
          headersAt,
          completedAt: performance.now(),
        });
      });
    });
    req.on('error', fail);
    req.on('finish', () => {
      requestSent = true;
    });
    if (request.timeout > 0) {
      req.setTimeout(request.timeout, () => {
        req.destroy(
          requestSent
            ? httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT')
            : httpFailure('ETIMEDOUT', 'ETIMEDOUT'),
        );
      });
    }
    function onAbort() {
      req.destroy(httpFailure('aborted', 'ECONNABORTED'));
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    req.end(request.body);
  });
}
