/**
 * `postern run` flags: Newman 6.2's option names and meanings (bin/newman.js), parsed into
 * `RunCliOptions`. Files are not read here (see load.ts); values are validated here, so a bad
 * number or colour mode is reported before anything is loaded.
 */

import type { ReporterOptions } from '@postern/reporters';
import { Command } from 'commander';
import { CliError } from '../errors.ts';
import { parseReporterOptions, splitReporterArgs } from './reporter-args.ts';

export interface KeyValue {
  key: string;
  /** Undefined when the flag had no `=` (Newman sets the variable to undefined then). */
  value: string | undefined;
}

export type ColorMode = 'on' | 'off' | 'auto';

/** Everything `postern run` was asked to do, with file locations still unread. */
export interface RunCliOptions {
  /** Path or http(s) URL of the collection. */
  collection: string;
  environment?: string;
  globals?: string;
  iterationData?: string;
  iterationCount?: number;
  folder: string[];
  envVar: KeyValue[];
  globalVar: KeyValue[];
  exportEnvironment?: string;
  exportGlobals?: string;
  exportCollection?: string;
  exportCookieJar?: string;
  cookieJar?: string;
  postmanApiKey?: string;
  /** `--bail` alone is true; `--bail folder,failure` lists the modifiers. */
  bail?: true | Array<'folder' | 'failure'>;
  ignoreRedirects: boolean;
  suppressExitCode: boolean;
  silent: boolean;
  verbose: boolean;
  disableUnicode: boolean;
  color: ColorMode;
  delayRequest?: number;
  timeout?: number;
  timeoutRequest?: number;
  timeoutScript?: number;
  workingDir?: string;
  /** `--no-insecure-file-read` sets this false. */
  insecureFileRead: boolean;
  insecure: boolean;
  sslClientCert?: string;
  sslClientKey?: string;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: string;
  sslClientCertList?: string;
  /** Reporter names in the order given (`-r cli,json`), duplicates removed. */
  reporters: string[];
  /** Options of each selected reporter, generic `--reporter-<option>` ones merged over them. */
  reporterOptions: Record<string, ReporterOptions>;
  /** Postern: iterations run concurrently. */
  parallel?: number;
}

const BAIL_MODIFIERS = ['folder', 'failure'] as const;

/** Repeatable flags; no default array, so `--help` does not print "(default: [])". */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Declares every `postern run` flag on a command (so `--help` lists them). Values stay raw strings:
 * `toRunCliOptions` validates them, giving our own error messages.
 *
 * @example
 * const cmd = addRunOptions(new Command('run').argument('<collection>'));
 */
export function addRunOptions(cmd: Command): Command {
  return cmd
    .option('-e, --environment <path>', 'Specify a URL or path to a Postman Environment')
    .option('-g, --globals <path>', 'Specify a URL or path to a file containing Postman Globals')
    .option(
      '-r, --reporters [reporters]',
      'Specify the reporters to use for this run (cli,json,junit,html)',
      'cli',
    )
    .option('-n, --iteration-count <n>', 'Define the number of iterations to run')
    .option('-d, --iteration-data <path>', 'Specify a data file to use for iterations (either JSON or CSV)')
    .option(
      '--folder <path>',
      'Specify the folder to run from a collection. Can be specified multiple times to run multiple folders',
      collect,
    )
    .option(
      '--global-var <value>',
      'Allows the specification of global variables via the command line, in a key=value format',
      collect,
    )
    .option(
      '--env-var <value>',
      'Allows the specification of environment variables via the command line, in a key=value format',
      collect,
    )
    .option('--export-environment <path>', 'Exports the final environment to a file after completing the run')
    .option('--export-globals <path>', 'Exports the final globals to a file after completing the run')
    .option(
      '--export-collection <path>',
      'Exports the executed collection to a file after completing the run',
    )
    .option('--postman-api-key <apiKey>', 'Accepted for compatibility; Postman API UIDs are not supported')
    .option(
      '--bail [modifiers]',
      'Specify whether or not to gracefully stop a collection run on encountering an error' +
        ' and whether to end the run with an error based on the optional modifier (folder,failure)',
    )
    .option('--ignore-redirects', 'Prevents Postern from automatically following 3XX redirect responses')
    .option(
      '-x, --suppress-exit-code',
      'Specify whether or not to override the default exit code for the current run',
    )
    .option('--silent', 'Prevents Postern from showing output to CLI')
    .option(
      '--disable-unicode',
      'Forces Unicode compliant symbols to be replaced by their plain text equivalents',
    )
    .option('--color <value>', 'Enable/Disable colored output (auto|on|off)', 'auto')
    .option('--delay-request [n]', 'Specify the extent of delay between requests (milliseconds)')
    .option('--timeout [n]', 'Specify a timeout for collection run (milliseconds)')
    .option('--timeout-request [n]', 'Specify a timeout for requests (milliseconds)')
    .option('--timeout-script [n]', 'Specify a timeout for scripts (milliseconds)')
    .option('--working-dir <path>', 'Specify the path to the working directory')
    .option('--no-insecure-file-read', 'Prevents reading the files situated outside of the working directory')
    .option('-k, --insecure', 'Disables SSL validations')
    .option(
      '--ssl-client-cert-list <path>',
      'Specify the path to a client certificates configurations (JSON)',
    )
    .option('--ssl-client-cert <path>', 'Specify the path to a client certificate (PEM)')
    .option('--ssl-client-key <path>', 'Specify the path to a client certificate private key')
    .option(
      '--ssl-client-passphrase <passphrase>',
      'Specify the client certificate passphrase (for protected key)',
    )
    .option('--ssl-extra-ca-certs <path>', 'Specify additionally trusted CA certificates (PEM)')
    .option('--cookie-jar <path>', 'Specify the path to a custom cookie jar (serialized tough-cookie JSON)')
    .option('--export-cookie-jar <path>', 'Exports the cookie jar to a file after completing the run')
    .option('--verbose', 'Show detailed information of collection run and each request sent')
    .option('--parallel <n>', 'Postern: run up to <n> iterations at the same time')
    .addHelpText(
      'after',
      `
Reporter options:
  --reporter-<name>-<option> <value>  Pass an option to one reporter (e.g. --reporter-json-export out.json)
  --reporter-<option> <value>         Pass an option to every selected reporter

Exit codes: 0 no failures, 1 failures or a fatal run error, 2 bad input (-x turns 1 into 0).`,
    );
}

/**
 * Parses `postern run` arguments (everything after `run`) on their own, as the CLI does.
 * Throws `CliError` on an invalid value and commander's error on an unknown flag.
 *
 * @example
 * parseRunArgv(['c.json', '-n', '3', '--reporter-json-export', 'out.json', '-r', 'cli,json']);
 * // { collection: 'c.json', iterationCount: 3, reporters: ['cli', 'json'],
 * //   reporterOptions: { cli: {}, json: { export: 'out.json' } }, ... }
 */
export function parseRunArgv(argv: readonly string[]): RunCliOptions {
  const { commandArgs, reporterArgs } = splitReporterArgs(argv);
  let parsed: RunCliOptions | undefined;
  const cmd = addRunOptions(new Command('run').argument('<collection>'))
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .action((collection: string, flags: Record<string, unknown>) => {
      parsed = toRunCliOptions(collection, flags, reporterArgs);
    });
  cmd.parse(commandArgs, { from: 'user' });
  if (!parsed) throw new CliError('USAGE', { problem: 'no collection given' });
  return parsed;
}

/**
 * Validates commander's raw flags into `RunCliOptions`.
 *
 * @example
 * toRunCliOptions('c.json', { color: 'auto', reporters: 'cli', folder: [], envVar: [], globalVar: [] }, []);
 */
export function toRunCliOptions(
  collection: string,
  flags: Record<string, unknown>,
  reporterArgs: readonly string[],
): RunCliOptions {
  const reporters = parseReporterList(flags.reporters);
  return {
    collection,
    environment: optionalString(flags.environment),
    globals: optionalString(flags.globals),
    iterationData: optionalString(flags.iterationData),
    iterationCount: positiveInteger(flags.iterationCount, '-n, --iteration-count'),
    folder: stringList(flags.folder),
    envVar: stringList(flags.envVar).map(parseKeyValue),
    globalVar: stringList(flags.globalVar).map(parseKeyValue),
    exportEnvironment: optionalString(flags.exportEnvironment),
    exportGlobals: optionalString(flags.exportGlobals),
    exportCollection: optionalString(flags.exportCollection),
    exportCookieJar: optionalString(flags.exportCookieJar),
    cookieJar: optionalString(flags.cookieJar),
    postmanApiKey: optionalString(flags.postmanApiKey),
    bail: parseBail(flags.bail),
    ignoreRedirects: flags.ignoreRedirects === true,
    suppressExitCode: flags.suppressExitCode === true,
    silent: flags.silent === true,
    verbose: flags.verbose === true,
    disableUnicode: flags.disableUnicode === true,
    color: parseColor(flags.color),
    delayRequest: milliseconds(flags.delayRequest, '--delay-request'),
    timeout: milliseconds(flags.timeout, '--timeout'),
    timeoutRequest: milliseconds(flags.timeoutRequest, '--timeout-request'),
    timeoutScript: milliseconds(flags.timeoutScript, '--timeout-script'),
    workingDir: optionalString(flags.workingDir),
    insecureFileRead: flags.insecureFileRead !== false,
    insecure: flags.insecure === true,
    sslClientCert: optionalString(flags.sslClientCert),
    sslClientKey: optionalString(flags.sslClientKey),
    sslClientPassphrase: optionalString(flags.sslClientPassphrase),
    sslExtraCaCerts: optionalString(flags.sslExtraCaCerts),
    sslClientCertList: optionalString(flags.sslClientCertList),
    reporters,
    reporterOptions: parseReporterOptions(reporterArgs, reporters),
    parallel: positiveInteger(flags.parallel, '--parallel'),
  };
}

/** `key=value` split at the first `=`, so values may contain `=` (as Newman does). */
export function parseKeyValue(text: string): KeyValue {
  const eq = text.indexOf('=');
  return eq === -1 ? { key: text, value: undefined } : { key: text.slice(0, eq), value: text.slice(eq + 1) };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `-r` without a value selects no reporter, as in Newman. */
function parseReporterList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Set(names)];
}

function positiveInteger(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  const parsed = /^\s*\+?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new CliError('INVALID_OPTION', { option, value: text, expected: 'expected a positive integer' });
  }
  return parsed;
}

/**
 * Delays and timeouts. Newman rejects 0 here although 0 is its own default ("none"); accepting 0
 * keeps scripts that pass `--timeout 0` working.
 */
function milliseconds(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  const parsed = /^\s*\+?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) {
    throw new CliError('INVALID_OPTION', {
      option,
      value: text,
      expected: 'expected a number of milliseconds (a non-negative integer)',
    });
  }
  return parsed;
}

function parseColor(value: unknown): ColorMode {
  if (value === 'on' || value === 'off' || value === 'auto') return value;
  throw new CliError('INVALID_OPTION', {
    option: '--color',
    value: String(value),
    expected: 'expected auto, on or off',
  });
}

function parseBail(value: unknown): RunCliOptions['bail'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return true;
  const modifiers = String(value)
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const result: Array<'folder' | 'failure'> = [];
  for (const modifier of modifiers) {
    const known = BAIL_MODIFIERS.find((m) => m === modifier);
    if (!known) {
      throw new CliError('INVALID_OPTION', {
        option: '--bail',
        value: String(value),
        expected: `expected modifiers among ${BAIL_MODIFIERS.join(', ')}`,
      });
    }
    result.push(known);
  }
  return result.length === 0 ? true : result;
}
