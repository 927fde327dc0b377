import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { parseKeyValue, parseRunArgv } from './options.ts';

function invalid(argv: string[]): CliError {
  try {
    parseRunArgv(argv);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseRunArgv', () => {
  it('takes the collection argument and applies Newman defaults', () => {
    const options = parseRunArgv(['c.json']);
    expect(options).toMatchObject({
      collection: 'c.json',
      reporters: ['cli'],
      reporterOptions: { cli: {} },
      folder: [],
      envVar: [],
      globalVar: [],
      color: 'auto',
      insecure: false,
      insecureFileRead: true,
      suppressExitCode: false,
      silent: false,
      verbose: false,
      disableUnicode: false,
      ignoreRedirects: false,
    });
    expect(options.iterationCount).toBeUndefined();
    expect(options.bail).toBeUndefined();
    expect(options.timeoutScript).toBeUndefined();
  });

  it('accepts a URL as the collection', () => {
    expect(parseRunArgv(['https://example.com/c.json']).collection).toBe('https://example.com/c.json');
  });

  it('reads files and URLs for -e, -g, -d in short and long forms', () => {
    expect(parseRunArgv(['c.json', '-e', 'env.json', '-g', 'g.json', '-d', 'data.csv'])).toMatchObject({
      environment: 'env.json',
      globals: 'g.json',
      iterationData: 'data.csv',
    });
    expect(
      parseRunArgv([
        'c.json',
        '--environment',
        'http://h/e',
        '--globals=g.json',
        '--iteration-data',
        'd.json',
      ]),
    ).toMatchObject({ environment: 'http://h/e', globals: 'g.json', iterationData: 'd.json' });
  });

  it('parses -n/--iteration-count as a positive integer', () => {
    expect(parseRunArgv(['c.json', '-n', '3']).iterationCount).toBe(3);
    expect(parseRunArgv(['c.json', '--iteration-count', '12']).iterationCount).toBe(12);
    for (const bad of ['abc', '0', '-1', '1.5', '', '9007199254740993']) {
      const error = invalid(['c.json', '-n', bad]);
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('--iteration-count');
    }
  });

  it('collects repeatable --folder in order', () => {
    expect(parseRunArgv(['c.json', '--folder', 'A', '--folder', 'B c']).folder).toEqual(['A', 'B c']);
  });

  it('splits --env-var and --global-var at the first "=" only', () => {
    const options = parseRunArgv([
      'c.json',
      '--env-var',
      'token=a=b==',
      '--env-var',
      'empty=',
      '--env-var',
      'bare',
      '--global-var',
      'g=1',
    ]);
    expect(options.envVar).toEqual([
      { key: 'token', value: 'a=b==' },
      { key: 'empty', value: '' },
      { key: 'bare', value: undefined },
    ]);
    expect(options.globalVar).toEqual([{ key: 'g', value: '1' }]);
  });

  it('parses delays and timeouts as milliseconds, allowing 0', () => {
    const options = parseRunArgv([
      'c.json',
      '--delay-request',
      '10',
      '--timeout',
      '0',
      '--timeout-request',
      '2000',
      '--timeout-script',
      '500',
    ]);
    expect(options).toMatchObject({ delayRequest: 10, timeout: 0, timeoutRequest: 2000, timeoutScript: 500 });
    expect(invalid(['c.json', '--timeout-request', 'soon']).message).toContain('--timeout-request');
    expect(invalid(['c.json', '--delay-request=-5']).message).toContain('--delay-request');
    // An optional value that is missing is not a number either.
    expect(invalid(['c.json', '--timeout']).message).toContain('--timeout');
  });

  it('parses TLS flags', () => {
    const options = parseRunArgv([
      'c.json',
      '-k',
      '--ssl-client-cert',
      'c.pem',
      '--ssl-client-key',
      'k.pem',
      '--ssl-client-passphrase',
      'pw',
      '--ssl-extra-ca-certs',
      'ca.pem',
      '--ssl-client-cert-list',
      'list.json',
    ]);
    expect(options).toMatchObject({
      insecure: true,
      sslClientCert: 'c.pem',
      sslClientKey: 'k.pem',
      sslClientPassphrase: 'pw',
      sslExtraCaCerts: 'ca.pem',
      sslClientCertList: 'list.json',
    });
    expect(parseRunArgv(['c.json', '--insecure']).insecure).toBe(true);
  });

  it('parses --bail with and without modifiers', () => {
    expect(parseRunArgv(['c.json', '--bail']).bail).toBe(true);
    expect(parseRunArgv(['c.json', '--bail', 'folder']).bail).toEqual(['folder']);
    expect(parseRunArgv(['c.json', '--bail', 'folder,failure']).bail).toEqual(['folder', 'failure']);
    expect(parseRunArgv(['c.json', '--bail', '-n', '2'])).toMatchObject({ bail: true, iterationCount: 2 });
    expect(invalid(['c.json', '--bail', 'sometimes']).message).toContain('--bail');
  });

  it('parses the boolean switches', () => {
    const options = parseRunArgv([
      'c.json',
      '-x',
      '--silent',
      '--verbose',
      '--disable-unicode',
      '--ignore-redirects',
      '--no-insecure-file-read',
    ]);
    expect(options).toMatchObject({
      suppressExitCode: true,
      silent: true,
      verbose: true,
      disableUnicode: true,
      ignoreRedirects: true,
      insecureFileRead: false,
    });
    expect(parseRunArgv(['c.json', '--suppress-exit-code']).suppressExitCode).toBe(true);
  });

  it('accepts --color on|off|auto only', () => {
    expect(parseRunArgv(['c.json', '--color', 'on']).color).toBe('on');
    expect(parseRunArgv(['c.json', '--color', 'off']).color).toBe('off');
    expect(parseRunArgv(['c.json', '--color', 'auto']).color).toBe('auto');
    expect(invalid(['c.json', '--color', 'yes']).message).toBe(
      'invalid value "yes" for --color: expected auto, on or off',
    );
  });

  it('parses export paths, working dir and cookie jar paths', () => {
    expect(
      parseRunArgv([
        'c.json',
        '--export-environment',
        'out/env.json',
        '--export-globals',
        'out/g.json',
        '--export-collection',
        'out/c.json',
        '--working-dir',
        'files',
        '--cookie-jar',
        'jar.json',
        '--export-cookie-jar',
        'jar-out.json',
        '--postman-api-key',
        'PMAK-1',
      ]),
    ).toMatchObject({
      exportEnvironment: 'out/env.json',
      exportGlobals: 'out/g.json',
      exportCollection: 'out/c.json',
      workingDir: 'files',
      cookieJar: 'jar.json',
      exportCookieJar: 'jar-out.json',
      postmanApiKey: 'PMAK-1',
    });
  });

  it('parses --parallel as a positive integer', () => {
    expect(parseRunArgv(['c.json', '--parallel', '4']).parallel).toBe(4);
    expect(invalid(['c.json', '--parallel', 'many']).message).toContain('--parallel');
    expect(invalid(['c.json', '--parallel', '0']).message).toContain('--parallel');
  });

  it('splits -r/--reporters on commas and drops duplicates', () => {
    expect(parseRunArgv(['c.json', '-r', 'cli,json,junit,html']).reporters).toEqual([
      'cli',
      'json',
      'junit',
      'html',
    ]);
    expect(parseRunArgv(['c.json', '--reporters', 'json, cli,json']).reporters).toEqual(['json', 'cli']);
  });

  it('routes --reporter-<name>-<option> to that reporter and --reporter-<option> to all', () => {
    const options = parseRunArgv([
      'c.json',
      '--reporter-json-export',
      'x',
      '-r',
      'cli,json,junit',
      '--reporter-cli-no-summary',
      '--reporter-junit-export=out/j.xml',
      '--reporter-timestamp',
      'yes',
      '-n',
      '2',
    ]);
    expect(options.iterationCount).toBe(2);
    expect(options.reporterOptions).toEqual({
      cli: { noSummary: true, timestamp: 'yes' },
      json: { export: 'x', timestamp: 'yes' },
      junit: { export: 'out/j.xml', timestamp: 'yes' },
    });
  });

  it('keeps options of an unselected reporter as generic options, as Newman does', () => {
    const options = parseRunArgv(['c.json', '--reporter-html-export', 'r.html']);
    expect(options.reporterOptions).toEqual({ cli: { htmlExport: 'r.html' } });
  });

  it('rejects unknown flags through commander', () => {
    expect(() => parseRunArgv(['c.json', '--no-such-flag'])).toThrow(/unknown option/);
  });

  it('requires the collection argument', () => {
    expect(() => parseRunArgv([])).toThrow(/missing required argument/);
  });
});

describe('parseKeyValue', () => {
  it('keeps "=" in the value and allows an empty key', () => {
    expect(parseKeyValue('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseKeyValue('=v')).toEqual({ key: '', value: 'v' });
  });
});
