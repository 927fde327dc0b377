// Newman's own integration corpus (and the two shared samples), rewritten to call the local echo
// fixtures instead of postman-echo.com, httpbin.org and Newman's localhost:4041/4042 servers.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { SHARED_CONFORMANCE } from '../shared-corpus.ts';
import type { EchoSuite } from './echo-suite.ts';
import type { CaseSpec } from './types.ts';

/** Where the shared conformance material lives (override with POSTERN_CONFORMANCE_DIR). */
export const CONFORMANCE_DIR = SHARED_CONFORMANCE;

/**
 * Cases that need a host we cannot stand in for. Printed by the test, never silently dropped.
 * Empty today: every host the corpus names is substituted (see PATCHES); keep the reason when
 * adding one.
 */
export const NOT_RUNNABLE_OFFLINE: Record<string, string> = {};

/**
 * Newman's corpus predates our "export no per-run values" rule: variables it exports that hold a
 * fresh random value on every run are dropped from both results before comparing.
 */
export const RANDOM_EXPORTS: Record<string, { variables: string[]; reason: string }> = {
  'distinct-random-int': { variables: ['randomVar'], reason: 'holds a {{$randomInt}} draw' },
};

/**
 * Assertion names built from a per-run random value that the generic masks (uuids, unix
 * timestamps: see maskRunValues) cannot recognise; masked on both sides before comparing.
 */
export const NAME_MASKS: Record<string, { pattern: RegExp; replacement: string; reason: string }[]> = {
  'super-sandbox-test': [
    {
      pattern: /^Correct Random: \d+$/,
      replacement: 'Correct Random: <randomInt>',
      reason: 'the name ends with a {{$randomInt}} draw echoed back',
    },
  ],
};

type Ports = Pick<EchoSuite, 'echoPort' | 'rawPort' | 'redirectPort'> & { urls: EchoSuite['urls'] };
type Replacement = [from: string, to: string];

/** Case-specific substitutions, applied before the generic ones; each says why. */
export const PATCHES: Record<string, { reason: string; replacements: (p: Ports) => Replacement[] }> = {
  'head-requests': {
    reason: 'HEAD http://google.com and http://github.com expect 200; the local echo answers HEAD / with 200',
    replacements: (p) => [
      ['http://google.com', p.urls.baseUrl],
      ['http://github.com', p.urls.baseUrl],
    ],
  },
  'v2-regression-tests/v2-regression-tests': {
    reason:
      'https://expired.badssl.com becomes a local TLS echo with an expired certificate (run is --insecure)',
    replacements: (p) => [['https://expired.badssl.com', p.urls.expiredUrl]],
  },
  'whatwg-url': {
    reason:
      'host and port are assembled from variables ({{host.name}}:{{:p}}, port 443): point them at the echo',
    replacements: (p) => [
      ['\\"host.name\\", \\"postman-echo.com\\"', '\\"host.name\\", \\"127.0.0.1\\"'],
      ['\\":p\\", \\"443\\"', `\\":p\\", \\"${p.echoPort}\\"`],
    ],
  },
};

/** Origins and ports the corpus hard-codes, mapped onto the local fixtures. */
function genericReplacements(p: Ports): Replacement[] {
  const echo = `127.0.0.1:${p.echoPort}`;
  return [
    // the shared samples' environment points at a fixed local port
    ['http://127.0.0.1:18555', p.urls.baseUrl],
    ['postman-echo.com', echo],
    ['httpbin.org', echo],
    ['localhost:4041', `127.0.0.1:${p.rawPort}`],
    ['127.0.0.1:4041', `127.0.0.1:${p.rawPort}`],
    ['127.1:4041', `127.1:${p.rawPort}`],
    ['localhost:4042', `127.0.0.1:${p.redirectPort}`],
  ];
}

interface DecodedFile {
  text: string;
  encode(text: string): Buffer;
}

/** Keeps a file's BOM / UTF-16LE encoding: those files test exactly that. */
function decode(bytes: Buffer): DecodedFile {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: bytes.subarray(2).toString('utf16le'),
      encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encode: (t) => Buffer.from(`\uFEFF${t}`, 'utf8') };
  }
  return { text: bytes.toString('utf8'), encode: (t) => Buffer.from(t, 'utf8') };
}

function replaceAll(text: string, replacements: Replacement[]): string {
  return replacements.reduce((acc, [from, to]) => acc.split(from).join(to), text);
}

/**
 * URL objects carry host and port outside `raw` (`host: ["postman-echo", "com"]`,
 * `port: "4041"`), which text replacement cannot reach; rewrite them structurally.
 */
function rewriteUrlObjects(node: unknown, p: Ports): boolean {
  if (Array.isArray(node)) return node.map((child) => rewriteUrlObjects(child, p)).some(Boolean);
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  let changed = false;
  if ('raw' in record && 'host' in record) {
    const host = Array.isArray(record.host) ? record.host.join('.') : String(record.host ?? '');
    const loopback = ['127', '0', '0', '1'];
    if ((host === 'postman-echo.com' || host === 'httpbin.org') && record.port === undefined) {
      record.host = loopback;
      record.port = String(p.echoPort);
      changed = true;
    } else if (record.port === '4041' || record.port === '4042') {
      record.port = String(record.port === '4041' ? p.rawPort : p.redirectPort);
      if (host === 'localhost') record.host = loopback;
      changed = true;
    }
  }
  for (const value of Object.values(record)) changed = rewriteUrlObjects(value, p) || changed;
  return changed;
}

function rewriteFile(path: string, replacements: Replacement[], p: Ports): void {
  if (!/\.(json|csv)$/.test(path)) return;
  const file = decode(readFileSync(path));
  let text = replaceAll(file.text, replacements);
  if (path.endsWith('.postman_collection.json')) {
    const parsed: unknown = JSON.parse(text);
    if (rewriteUrlObjects(parsed, p)) text = JSON.stringify(parsed, null, 2);
  }
  if (text !== file.text) writeFileSync(path, file.encode(text));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const COLLECTION_SUFFIX = '.postman_collection.json';

/** Sibling file `<base><suffix>` when it exists. */
function sibling(collection: string, suffix: string): string | undefined {
  const path = collection.slice(0, -COLLECTION_SUFFIX.length) + suffix;
  return existsSync(path) ? path : undefined;
}

/**
 * Names of every collection in Newman's corpus (`dir/name` without the suffix), known before
 * any server starts so tests can be declared per case; samples are `sample/s1-echo`, `sample/s2-flow`.
 */
export function listIntegrationCaseNames(): string[] {
  const source = join(CONFORMANCE_DIR, 'newman-integration');
  if (!existsSync(source)) throw new Error(`Newman's integration corpus is missing: ${source}`);
  return listFiles(source)
    .filter((f) => f.endsWith(COLLECTION_SUFFIX))
    .map((f) => relative(source, f).slice(0, -COLLECTION_SUFFIX.length))
    .sort();
}

type RunConfig = Pick<
  CaseSpec,
  'insecure' | 'ignoreRedirects' | 'timeout' | 'timeoutRequest' | 'timeoutScript'
>;

function readRunConfig(collection: string): RunConfig {
  const path = sibling(collection, '.postman_config.json');
  if (!path) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { run?: RunConfig };
  return parsed.run ?? {};
}

/**
 * Copies Newman's integration corpus into `workDir/test/integration` (the layout its form-data
 * `src` paths expect), points it at the local fixtures and returns one CaseSpec per collection.
 * Every run trusts the test CA, since https://postman-echo.com becomes the local TLS echo.
 *
 * @example const cases = prepareIntegrationCases(suite, mkdtempSync(join(tmpdir(), 'ni-')));
 */
export function prepareIntegrationCases(suite: Ports, workDir: string): CaseSpec[] {
  const source = join(CONFORMANCE_DIR, 'newman-integration');
  if (!existsSync(source)) throw new Error(`Newman's integration corpus is missing: ${source}`);
  const target = join(workDir, 'test/integration');
  cpSync(source, target, { recursive: true });
  const files = listFiles(target);
  const collections = files.filter((f) => f.endsWith(COLLECTION_SUFFIX)).sort();
  const generic = genericReplacements(suite);
  const names = new Map(collections.map((c) => [c, relative(target, c).slice(0, -COLLECTION_SUFFIX.length)]));

  for (const file of files) {
    const owner = names.get(file) ?? findOwner(file, names);
    const patch = owner ? PATCHES[owner] : undefined;
    rewriteFile(file, [...(patch?.replacements(suite) ?? []), ...generic], suite);
  }

  return collections
    .filter((collection) => !(names.get(collection)! in NOT_RUNNABLE_OFFLINE))
    .map((collection) => ({
      name: names.get(collection)!,
      collection,
      environment: sibling(collection, '.postman_environment.json'),
      globals: sibling(collection, '.postman_globals.json'),
      iterationData: sibling(collection, '.postman_data.json') ?? sibling(collection, '.postman_data.csv'),
      ...readRunConfig(collection),
      sslExtraCaCerts: suite.urls.tlsFiles.ca,
      injectEchoVars: false,
      workingDir: workDir,
    }));
}

/** The collection a companion file (environment, data…) belongs to, by shared base name. */
function findOwner(file: string, names: Map<string, string>): string | undefined {
  const base = basename(file).replace(/\.postman_\w+\.(json|csv)$/, '');
  for (const [collection, name] of names) {
    if (dirname(collection) === dirname(file) && basename(collection, COLLECTION_SUFFIX) === base)
      return name;
  }
  return undefined;
}

/** The two samples next to the corpus (s1: environment; s2: environment + CSV data, 2 rows). */
export function prepareSampleCases(suite: Ports, workDir: string): CaseSpec[] {
  const target = join(workDir, 'samples');
  cpSync(CONFORMANCE_DIR, target, {
    recursive: true,
    filter: (src) => !src.includes('newman-integration'),
  });
  for (const file of listFiles(target)) rewriteFile(file, genericReplacements(suite), suite);
  const env = join(target, 's1-echo.postman_environment.json');
  return [
    { name: 'sample/s1-echo', collection: join(target, 's1-echo.postman_collection.json'), environment: env },
    {
      name: 'sample/s2-flow',
      collection: join(target, 's2-flow.postman_collection.json'),
      environment: env,
      iterationData: join(target, 's2-flow.data.csv'),
    },
  ].map((spec) => ({ ...spec, injectEchoVars: false, workingDir: target }));
}
