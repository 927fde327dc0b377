import { describe, expect, it } from 'vitest';
import { postern } from './helpers.ts';

describe('postern binary', () => {
  it('prints its version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await postern([flag]);
      expect(code).toBe(0);
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('lists run, serve, admin, audit and scan', async () => {
    const { code, stdout } = await postern(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/run \[options\] <collection>/);
    expect(stdout).toMatch(/serve \[options\]\s+Start the team server/);
    expect(stdout).toMatch(/admin\s+Operator commands/);
    expect(stdout).toMatch(/audit\s+Audit trail tools/);
    expect(stdout).toMatch(/scan \[options\] <paths\.\.\.>/);
  });

  it('lists every Newman run option in `postern run --help`', async () => {
    const { code, stdout } = await postern(['run', '--help']);
    expect(code).toBe(0);
    const flags = [
      '-e, --environment <path>',
      '-g, --globals <path>',
      '-r, --reporters [reporters]',
      '-n, --iteration-count <n>',
      '-d, --iteration-data <path>',
      '--folder <path>',
      '--global-var <value>',
      '--env-var <value>',
      '--export-environment <path>',
      '--export-globals <path>',
      '--export-collection <path>',
      '--postman-api-key <apiKey>',
      '--bail [modifiers]',
      '--ignore-redirects',
      '-x, --suppress-exit-code',
      '--silent',
      '--disable-unicode',
      '--color <value>',
      '--delay-request [n]',
      '--timeout [n]',
      '--timeout-request [n]',
      '--timeout-script [n]',
      '--working-dir <path>',
      '--no-insecure-file-read',
      '-k, --insecure',
      '--ssl-client-cert-list <path>',
      '--ssl-client-cert <path>',
      '--ssl-client-key <path>',
      '--ssl-client-passphrase <passphrase>',
      '--ssl-extra-ca-certs <path>',
      '--cookie-jar <path>',
      '--export-cookie-jar <path>',
      '--verbose',
      '--parallel <n>',
      '--reporter-<name>-<option> <value>',
    ];
    for (const flag of flags) expect(stdout).toContain(flag);
  });

  it('exits 2 on an unknown command or flag', async () => {
    expect((await postern(['frobnicate'])).code).toBe(2);
    const { code, stderr } = await postern(['run', 'c.json', '--no-such-flag']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-flag'");
  });
});
