import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactSecret } from '@postern/secrets';
import { sampleSecret } from '@postern/secrets/corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, postern } from './helpers.ts';

// Secrets are built at run time from their public formats; none is committed.
const githubPat = sampleSecret('github-pat', 11);
const stripeKey = sampleSecret('stripe-secret-key', 12);
const slackToken = sampleSecret('slack-bot-token', 13);
const rsaKey = sampleSecret('private-key-rsa', 14);
const hiddenInNodeModules = sampleSecret('npm-access-token', 15);
const hiddenInGit = sampleSecret('gitlab-pat', 16);
const inBinary = sampleSecret('sendgrid-api-key', 17);
const password = sampleSecret('generic-password', 18);
const dbPassword = sampleSecret('connection-string-postgres', 19);
const apiKey = sampleSecret('datadog-api-key', 20);
const planted = [
  githubPat,
  stripeKey,
  slackToken,
  rsaKey,
  password,
  dbPassword,
  apiKey,
  hiddenInNodeModules,
  hiddenInGit,
  inBinary,
];

let dir: string;
let clean: string;
const COLLECTION = 'collections/api.postman_collection.json';
const ENVIRONMENT = 'staging.postman_environment.json';

/** `line:column` of the n-th occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}

async function readTexts() {
  const read = (path: string) => readFile(join(dir, path), 'utf8');
  return {
    env: await read('.env'),
    collection: await read(COLLECTION),
    environment: await read(ENVIRONMENT),
  };
}

const collection = {
  info: { name: 'Scan me', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'me',
      request: {
        auth: { type: 'bearer', bearer: [{ key: 'token', value: githubPat, type: 'string' }] },
        url: { raw: `https://api.acme.dev/me?key=${stripeKey}`, query: [{ key: 'key', value: stripeKey }] },
        body: { mode: 'raw', raw: JSON.stringify({ user: 'jane', password }) },
      },
    },
  ],
};
const environment = {
  name: 'Staging',
  values: [
    { key: 'api_key', value: apiKey, type: 'secret', enabled: true },
    { key: 'token', value: '{{token}}', type: 'default', enabled: true },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postern-scan-'));
  clean = join(dir, 'clean');
  await mkdir(join(dir, 'collections'));
  await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
  await mkdir(join(dir, '.git'));
  await mkdir(clean);
  await writeFile(join(dir, COLLECTION), JSON.stringify(collection, null, 2));
  await writeFile(join(dir, ENVIRONMENT), JSON.stringify(environment, null, 2));
  await writeFile(
    join(dir, '.env'),
    `PORT=8080\nSLACK_BOT_TOKEN=${slackToken}\nDATABASE_URL=postgres://app:${dbPassword}@db:5432/app\n`,
  );
  await writeFile(join(dir, 'notes.txt'), `Deploy key:\n${rsaKey}\n`);
  await writeFile(join(dir, 'node_modules', 'pkg', 'index.js'), `const t = '${hiddenInNodeModules}';\n`);
  await writeFile(
    join(dir, '.git', 'config'),
    `[remote]\n\turl = https://oauth2:${hiddenInGit}@gitlab.com/a/b.git\n`,
  );
  await writeFile(
    join(dir, 'image.png'),
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), Buffer.from(inBinary)]),
  );
  await writeFile(
    join(clean, 'README.txt'),
    'Set API_KEY=your_api_key_here and TOKEN={{token}} before running.\n',
  );
  await writeFile(
    join(clean, 'env.json'),
    JSON.stringify({ values: [{ key: 'password', value: '********' }] }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectNoSecret(result: CliResult): void {
  for (const secret of planted) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    // Not even a long piece of it.
    expect(result.stdout).not.toContain(secret.slice(4, 16));
  }
}

describe('postern scan', () => {
  it('lists findings as text, exits 1, and skips node_modules, .git and binary files', async () => {
    const result = await postern(['scan', '.'], { cwd: dir });
    expect(result.code).toBe(1);
    expectNoSecret(result);
    const lines = result.stdout.trim().split('\n');
    const texts = await readTexts();
    expect(lines.slice(0, -1)).toEqual([
      `.env:${at(texts.env, slackToken)}  slack-bot-token  xoxb…`,
      `.env:${at(texts.env, dbPassword)}  connection-string-postgres  ${redactSecret(dbPassword)}`,
      `${COLLECTION}:${at(texts.collection, githubPat)}  github-pat  ghp_…  item[0].request.auth.bearer[0].value`,
      `${COLLECTION}:${at(texts.collection, stripeKey)}  stripe-secret-key  sk_l…  item[0].request.url.raw`,
      `${COLLECTION}:${at(texts.collection, stripeKey, 2)}  stripe-secret-key  sk_l…  item[0].request.url.query[0].value`,
      `${COLLECTION}:${at(texts.collection, password)}  generic-password  ${redactSecret(password)}  item[0].request.body.raw`,
      'notes.txt:2:1  private-key-rsa  ----…',
      `${ENVIRONMENT}:${at(texts.environment, apiKey)}  generic-api-key  ${redactSecret(apiKey)}  values[0].value`,
    ]);
    expect(lines.at(-1)).toBe('8 secrets found in 4 of 6 files.');
  });

  it('writes the documented JSON report', async () => {
    const result = await postern(
      ['scan', 'collections', 'staging.postman_environment.json', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(1);
    expectNoSecret(result);
    const report = JSON.parse(result.stdout) as { findings: Array<Record<string, unknown>> };
    expect(report.findings).toHaveLength(5);
    const [line, column] = at((await readTexts()).collection, githubPat)
      .split(':')
      .map(Number);
    expect(report.findings[0]).toEqual({
      file: COLLECTION,
      line,
      column,
      ruleId: 'github-pat',
      jsonPath: 'item[0].request.auth.bearer[0].value',
      redacted: 'ghp_…',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(report.findings[2]?.fingerprint).toBe(report.findings[1]?.fingerprint);
  });

  it('writes SARIF 2.1.0', async () => {
    const result = await postern(['scan', '.', '--format', 'sarif'], { cwd: dir });
    expect(result.code).toBe(1);
    expectNoSecret(result);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.name).toBe('postern');
    expect(log.runs[0].results).toHaveLength(8);
    const [startLine, startColumn] = at((await readTexts()).env, slackToken)
      .split(':')
      .map(Number);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.env' },
      region: { startLine, startColumn },
    });
  });

  it('exits 0 on clean files', async () => {
    const result = await postern(['scan', clean]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('No secrets found in 2 files.\n');
  });

  it('accepts known findings with a baseline and reports only new ones', async () => {
    const baseline = join(dir, 'baseline.json');
    const written = await postern(['scan', 'collections', '--write-baseline', baseline], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Wrote 4 findings to the baseline');
    const baselineText = await readFile(baseline, 'utf8');
    for (const secret of planted) expect(baselineText).not.toContain(secret);

    const accepted = await postern(['scan', 'collections', '--baseline', baseline], { cwd: dir });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toBe('No secrets found in 1 file. 4 known findings accepted by the baseline.\n');

    const withNew = await postern(
      ['scan', 'collections', '.env', '--baseline', baseline, '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(withNew.code).toBe(1);
    const report = JSON.parse(withNew.stdout) as { findings: Array<{ file: string }> };
    expect(report.findings.map((f) => f.file)).toEqual(['.env', '.env']);
  });

  it.each([
    [['scan', 'missing-folder'], 'error: path to scan not found (missing-folder)'],
    [['scan', '/proc/self/mem'], 'error: could not read the scanned file: EIO'],
    [['scan', '.', '--baseline', 'nope.json'], 'error: baseline file not found (nope.json)'],
    [['scan', '.', '--baseline', 'notes.txt'], 'error: invalid baseline file: not valid JSON'],
    [['scan', '.', '--format', 'xml'], 'error: invalid value "xml" for --format: one of text, json, sarif'],
    [['scan', '.', '--write-baseline', 'missing/dir/b.json'], 'error: could not write the baseline file'],
  ])('exits 2 on bad input: %j', async (args, message) => {
    const result = await postern(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expectNoSecret(result);
  });

  it('documents its options', async () => {
    const { code, stdout } = await postern(['scan', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--format <format>', '--baseline <file>', '--write-baseline <file>'])
      expect(stdout).toContain(flag);
  });
});
