/**
 * `postern run` honours `allowedDomains` on variables of an environment file (black-box, against
 * the echo fixture on 127.0.0.1, reached as `localhost` where the secret may go).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startEchoServer } from '../../../test/fixtures/echo/index.mjs';
import { postern } from './helpers.ts';

const SECRET = 'sk_test_cli_egress_77c1';
let echo: RunningServer;
let work = '';

beforeAll(async () => {
  echo = await startEchoServer();
  work = mkdtempSync(join(tmpdir(), 'postern-egress-'));
  const item = (name: string, host: string) => ({
    name,
    request: {
      method: 'GET',
      url: `http://${host}:${echo.port}/get`,
      header: [{ key: 'Authorization', value: 'Bearer {{apiKey}}' }],
    },
  });
  writeFileSync(
    join(work, 'c.json'),
    JSON.stringify({
      info: {
        name: 'egress',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [item('to localhost', 'localhost'), item('to the IP', '127.0.0.1')],
    }),
  );
  const environment = (allowedDomains: string[]) =>
    JSON.stringify({
      name: 'env',
      values: [{ key: 'apiKey', value: SECRET, type: 'secret', enabled: true, allowedDomains }],
    });
  writeFileSync(join(work, 'env.json'), environment(['localhost']));
  writeFileSync(join(work, 'bad-env.json'), environment(['http://localhost']));
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await echo.close();
});

describe('postern run with allowedDomains', () => {
  it('sends the secret to its allowed host, refuses the other, exits 1 and says why in the reports', async () => {
    const report = join(work, 'report.json');
    const { code, stdout, stderr } = await postern(
      ['run', 'c.json', '-e', 'env.json', '-r', 'cli,json', '--reporter-json-export', report],
      { cwd: work },
    );
    const message =
      'refused to send secret "apiKey" to host 127.0.0.1 (allowed: localhost; found in a header)';
    expect(code, stderr).toBe(1);
    expect(stdout).toContain(message);
    expect(stdout).not.toContain(SECRET);
    const json = readFileSync(report, 'utf8');
    expect(json).not.toContain(SECRET);
    const { run } = JSON.parse(json) as {
      run: {
        executions: Array<{ item: { name: string }; response?: { code: number } }>;
        failures: Array<{ error: { message: string } }>;
      };
    };
    expect(run.failures.map((f) => f.error.message)).toEqual([message]);
    expect(run.executions.find((e) => e.item.name === 'to localhost')?.response?.code).toBe(200);
  });

  it('does not start with a pattern that is not a host pattern', async () => {
    const { code, stderr, stdout } = await postern(['run', 'c.json', '-e', 'bad-env.json'], { cwd: work });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'environment variable "apiKey": allowedDomains "http://localhost" is not a host pattern',
    );
    expect(stderr).toContain('bad-env.json');
    expect(stdout).not.toContain('to localhost');
  });
});
