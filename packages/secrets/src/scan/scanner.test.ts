import { describe, expect, it } from 'vitest';
import { sampleSecret } from '../corpus/index.ts';
import { scanDocument, scanText } from './scanner.ts';
import type { Finding } from './types.ts';

const githubPat = sampleSecret('github-pat', 1);
const stripeKey = sampleSecret('stripe-secret-key', 2);
const jwt = sampleSecret('jwt', 3);
const rsaKey = sampleSecret('private-key-rsa', 4);
// Random values built at run time: nothing secret-looking is committed.
const opaque = sampleSecret('vercel-token', 5);
const password = sampleSecret('generic-password', 6);
const sessionValue = sampleSecret('vercel-token', 7);
const neutralValue = sampleSecret('vercel-token', 8);
const apiKey = sampleSecret('vercel-token', 9);
const dbPassword = sampleSecret('connection-string-postgres', 10);

/** 1-based line and column of the first occurrence of `needle`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

function summary(findings: Finding[]) {
  return findings.map((f) => ({ ruleId: f.ruleId, jsonPath: f.jsonPath, secret: f.secret }));
}

describe('scanDocument on Postman collections', () => {
  const collection = {
    info: { name: 'Demo', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      { name: 'health', request: { method: 'GET', url: 'https://api.acme.dev/health' } },
      {
        name: 'folder',
        item: [
          {
            name: 'me',
            request: {
              auth: { type: 'bearer', bearer: [{ key: 'token', value: githubPat, type: 'string' }] },
              header: [
                { key: 'Accept', value: 'application/json' },
                { key: 'Authorization', value: `Bearer ${opaque}` },
                { key: 'X-Request-Id', value: '550e8400-e29b-41d4-a716-446655440000' },
              ],
              url: {
                raw: `https://api.acme.dev/v1/me?api_key=${stripeKey}&page=2`,
                query: [
                  { key: 'api_key', value: stripeKey },
                  { key: 'page', value: '2' },
                ],
              },
              body: {
                mode: 'raw',
                raw: JSON.stringify({ user: 'jane', password }, null, 2),
              },
            },
            event: [
              { listen: 'prerequest', script: { exec: [`pm.environment.set("id_token", "${jwt}");`] } },
            ],
          },
        ],
      },
    ],
  };
  const text = JSON.stringify(collection, null, 2);
  const findings = scanDocument(text, { file: 'demo.postman_collection.json' });

  it('finds each secret with its JSON path', () => {
    expect(summary(findings)).toEqual([
      { ruleId: 'github-pat', jsonPath: 'item[1].item[0].request.auth.bearer[0].value', secret: githubPat },
      { ruleId: 'authorization-header', jsonPath: 'item[1].item[0].request.header[1].value', secret: opaque },
      { ruleId: 'stripe-secret-key', jsonPath: 'item[1].item[0].request.url.raw', secret: stripeKey },
      {
        ruleId: 'stripe-secret-key',
        jsonPath: 'item[1].item[0].request.url.query[0].value',
        secret: stripeKey,
      },
      { ruleId: 'generic-password', jsonPath: 'item[1].item[0].request.body.raw', secret: password },
      { ruleId: 'jwt', jsonPath: 'item[1].item[0].event[0].script.exec[0]', secret: jwt },
    ]);
  });

  it('gives the line and column of each secret in the file', () => {
    expect(findings[0]).toMatchObject(positionOf(text, githubPat));
    expect(findings[1]).toMatchObject(positionOf(text, opaque));
    // Inside the escaped raw body: the column points at the password in the file's text.
    const found = findings[4] as Finding;
    const line = text.split('\n')[found.line - 1] as string;
    expect(line.slice(found.column - 1).startsWith(`${password}\\"`)).toBe(true);
  });

  it('fills file, redacted and a stable fingerprint, never more than four characters of the secret', () => {
    for (const f of findings) {
      expect(f.file).toBe('demo.postman_collection.json');
      expect(f.redacted.endsWith('…')).toBe(true);
      expect(f.redacted.length).toBeLessThanOrEqual(5);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(findings[2]?.fingerprint).toBe(findings[3]?.fingerprint);
    expect(scanDocument(text)[0]?.fingerprint).toBe(findings[0]?.fingerprint);
  });
});

describe('scanDocument on Postman environments and auth blocks', () => {
  it('names the value by its sibling key, its type or its auth block', () => {
    const environment = {
      name: 'Staging',
      values: [
        { key: 'baseUrl', value: 'https://api.acme.dev', type: 'default', enabled: true },
        { key: 'client_secret', value: opaque, type: 'default', enabled: true },
        { key: 'session', value: sessionValue, type: 'secret', enabled: true },
        { key: 'requestId', value: neutralValue, type: 'default', enabled: true },
        { value: '{{token}}', key: 'token', type: 'secret', enabled: true },
      ],
      auth: {
        type: 'apikey',
        apikey: [
          { key: 'value', value: apiKey },
          { key: 'key', value: 'X-API-Key' },
        ],
      },
    };
    expect(summary(scanDocument(JSON.stringify(environment)))).toEqual([
      { ruleId: 'generic-secret', jsonPath: 'values[1].value', secret: opaque },
      { ruleId: 'generic-secret', jsonPath: 'values[2].value', secret: sessionValue },
      { ruleId: 'generic-api-key', jsonPath: 'auth.apikey[0].value', secret: apiKey },
    ]);
  });

  it('reports a private key stored with escaped newlines', () => {
    const text = JSON.stringify({ values: [{ key: 'private_key', value: rsaKey }] });
    const [finding] = scanDocument(text);
    expect(finding).toMatchObject({
      ruleId: 'private-key-rsa',
      jsonPath: 'values[0].value',
      secret: rsaKey,
      line: 1,
    });
    expect(text.slice((finding?.column ?? 0) - 1)).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\\n/);
  });

  it('keeps a secret that is a property name out of the JSON paths', () => {
    const findings = scanDocument(JSON.stringify({ tokens: { [githubPat]: { note: `see ${stripeKey}` } } }));
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat', 'stripe-secret-key']);
    for (const f of findings) expect(f.jsonPath).not.toContain(githubPat);
    expect(findings[1]?.jsonPath).toBe('tokens.ghp_….note');
  });
});

describe('placeholders and look-alikes', () => {
  it('reports none in credential places', () => {
    const tampered = `${githubPat.slice(0, -1)}${githubPat.endsWith('A') ? 'B' : 'A'}`;
    const text = JSON.stringify({
      auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{access_token}}' }] },
      header: [
        { key: 'Authorization', value: 'Bearer <token>' },
        { key: 'X-API-Key', value: 'your_api_key_here' },
        { key: 'X-Auth-Token', value: tampered },
        { key: 'Idempotency-Key', value: '550e8400-e29b-41d4-a716-446655440000' },
      ],
      variable: [
        { key: 'aws_access_key_id', value: ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('') },
        { key: 'password', value: '********' },
        { key: 'stripe_key', value: `sk_live_${'x'.repeat(24)}` },
        { key: 'DATABASE_URL', value: 'postgres://user:password@localhost:5432/app' },
        { key: 'certificate', value: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
      ],
    });
    expect(scanDocument(text)).toEqual([]);
  });
});

describe('scanText', () => {
  it('reports line and column in text files, CRLF or not', () => {
    const env = `# staging\r\nPORT=8080\r\nGITHUB_TOKEN=${githubPat}\r\nDB_PASSWORD=${password}\r\n`;
    expect(scanDocument(env, { file: '.env' }).map((f) => [f.ruleId, f.line, f.column, f.jsonPath])).toEqual([
      ['github-pat', 3, 14, undefined],
      ['generic-password', 4, 13, undefined],
    ]);
  });

  it('finds a private key across lines, at its BEGIN line', () => {
    const text = `notes\n\nkey:\n${rsaKey}\n\nend\n`;
    expect(scanText(text)).toMatchObject([{ ruleId: 'private-key-rsa', line: 4, column: 1, secret: rsaKey }]);
  });

  it('scans broken JSON as text', () => {
    const broken = `{"token": "${githubPat}", }`;
    expect(scanDocument(broken)).toMatchObject([{ ruleId: 'github-pat', line: 1, column: 12 }]);
    expect(scanDocument(broken)[0]?.jsonPath).toBeUndefined();
  });

  it('reports the most specific rule once when rules overlap', () => {
    const text = `Authorization: Bearer ${jwt}\nREPO=https://x-access-token:${githubPat}@github.com/acme/app.git\n`;
    expect(scanText(text).map((f) => f.ruleId)).toEqual(['jwt', 'github-pat']);
  });

  it('reports the password of a connection string', () => {
    const [finding] = scanText(`DATABASE_URL=postgres://app:${dbPassword}@db.acme.dev:5432/orders\n`);
    expect(finding).toMatchObject({ ruleId: 'connection-string-postgres', secret: dbPassword, column: 29 });
  });
});
