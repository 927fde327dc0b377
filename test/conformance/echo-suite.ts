// Starts every local server a conformance run needs and describes them as EchoUrls.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateTlsMaterial,
  type RunningServer,
  startEchoServer,
  startRawEchoServer,
  startRedirectServer,
} from '../fixtures/echo/index.mjs';
import type { EchoUrls } from './types.ts';

export interface EchoSuite {
  urls: EchoUrls;
  /** Port of the polyglot (HTTP + TLS) echo. */
  echoPort: number;
  rawPort: number;
  redirectPort: number;
  close(): Promise<void>;
}

/**
 * Starts the polyglot echo, the client-certificate echo, an expired-certificate echo, the raw
 * echo and the redirect server,
 * writes the test CA and client certificate to a temp dir, and finds a closed port.
 *
 * @example const suite = await startEchoSuite(); … await suite.close();
 */
export async function startEchoSuite(): Promise<EchoSuite> {
  const tls = await generateTlsMaterial();
  const servers: RunningServer[] = [];
  const tlsDir = mkdtempSync(join(tmpdir(), 'postern-echo-tls-'));
  try {
    const echo = await startEchoServer({ polyglot: true, tls });
    servers.push(echo);
    const mtls = await startEchoServer({ requireClientCert: true, tls });
    servers.push(mtls);
    const expired = await startEchoServer({ https: true, tls: await generateTlsMaterial({ expired: true }) });
    servers.push(expired);
    const raw = await startRawEchoServer();
    servers.push(raw);
    const redirect = await startRedirectServer();
    servers.push(redirect);
    const tlsFiles = {
      ca: join(tlsDir, 'ca.pem'),
      clientCert: join(tlsDir, 'client-cert.pem'),
      clientKey: join(tlsDir, 'client-key.pem'),
    };
    writeFileSync(tlsFiles.ca, tls.ca);
    writeFileSync(tlsFiles.clientCert, tls.clientCert);
    writeFileSync(tlsFiles.clientKey, tls.clientKey);
    return {
      urls: {
        baseUrl: echo.url,
        httpsUrl: echo.httpsUrl ?? echo.url,
        mtlsUrl: mtls.url,
        expiredUrl: expired.url,
        rawUrl: raw.url,
        redirectUrl: redirect.url,
        closedUrl: `http://127.0.0.1:${await findClosedPort()}`,
        tlsFiles,
      },
      echoPort: echo.port,
      rawPort: raw.port,
      redirectPort: redirect.port,
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
        rmSync(tlsDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(tlsDir, { recursive: true, force: true });
    throw err;
  }
}

/** A port that was free a moment ago and is closed now: connecting to it is refused. */
function findClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
