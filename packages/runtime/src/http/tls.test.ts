import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgents } from './agents.ts';
import { buildHttpRequest } from './build.ts';
import { sendHttpRequest } from './send.ts';
import { startHttpsServer, type TestServer } from './testing.ts';
import type { HttpResult, ProtocolProfile, TlsOptions } from './types.ts';

// Certificates are generated for this run only: a CA, a server certificate it signs for
// 127.0.0.1, and a client certificate (with an encrypted key) it signs too.
let ca: { cert: string; key: string };
let client: { cert: string; key: string };
let plain: TestServer;
let mutual: TestServer;
const clientNames: string[] = [];

beforeAll(async () => {
  const caPems = await generate([{ name: 'commonName', value: 'Postern Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  ca = { cert: caPems.cert, key: caPems.private };
  const serverPems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const clientPems = await generate([{ name: 'commonName', value: 'postern-client' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca,
    passphrase: 'client-pass',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  client = { cert: clientPems.cert, key: clientPems.private };

  const serverTls = { key: serverPems.private, cert: serverPems.cert };
  plain = await startHttpsServer(serverTls);
  mutual = await startHttpsServer(
    { ...serverTls, ca: ca.cert, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      clientNames.push(String(peer.subject?.CN));
      res.end('hello client');
    },
  );
});

afterAll(async () => {
  await plain?.close();
  await mutual?.close();
  await closeHttpAgents();
});

async function send(url: string, tls: TlsOptions, profile: ProtocolProfile = {}): Promise<HttpResult> {
  const request = await buildHttpRequest(
    { url: { raw: url }, method: 'GET', header: [] },
    { workingDir: process.cwd(), profile, userAgent: 'Postern/test' },
  );
  return sendHttpRequest(request, { tls, profile });
}

describe('TLS', () => {
  it('rejects a certificate from an unknown CA', async () => {
    await expect(send(`${plain.origin}/echo`, { rejectUnauthorized: true })).rejects.toThrow(
      'unable to verify the first certificate',
    );
  });

  it('accepts it with verification off (-k)', async () => {
    const { response } = await send(`${plain.origin}/echo`, { rejectUnauthorized: false });
    expect(response.code).toBe(200);
  });

  it('accepts it with verification off by strictSSL: false', async () => {
    const { response } = await send(
      `${plain.origin}/echo`,
      { rejectUnauthorized: true },
      { strictSSL: false },
    );
    expect(response.code).toBe(200);
  });

  it('verifies with an extra CA added to the default roots', async () => {
    const { response } = await send(`${plain.origin}/echo`, {
      rejectUnauthorized: true,
      extraCa: Buffer.from(ca.cert),
    });
    expect(response.code).toBe(200);
  });

  it('presents a client certificate with an encrypted key', async () => {
    const tls: TlsOptions = {
      rejectUnauthorized: true,
      extraCa: Buffer.from(ca.cert),
      clientCert: Buffer.from(client.cert),
      clientKey: Buffer.from(client.key),
      clientPassphrase: 'client-pass',
    };
    const { response } = await send(`${mutual.origin}/`, tls);
    expect(response.body.toString()).toBe('hello client');
    expect(clientNames).toContain('postern-client');
  });

  it('fails when the server requires a client certificate and none is given', async () => {
    await expect(
      send(`${mutual.origin}/`, { rejectUnauthorized: true, extraCa: Buffer.from(ca.cert) }),
    ).rejects.toThrow();
  });
});
