// Reads test/fixtures/collections/manifest.json into runnable CaseSpecs.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CaseExpectation, CaseSpec, EchoUrls, PosternExpectation } from './types.ts';

export const CORPUS_DIR = join(import.meta.dirname, '../fixtures/collections');

/** One manifest row: file names relative to the corpus folder, TLS files as `$ca` / `$clientCert` / `$clientKey`. */
export interface ManifestEntry {
  name: string;
  collection: string;
  description?: string;
  environment?: string;
  globals?: string;
  iterationData?: string;
  iterationCount?: number;
  folder?: string | string[];
  insecure?: boolean;
  ignoreRedirects?: boolean;
  bail?: boolean;
  timeout?: number;
  timeoutRequest?: number;
  timeoutScript?: number;
  delayRequest?: number;
  sslClientCert?: string;
  sslClientKey?: string;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: string;
  envVars?: Record<string, string>;
  globalVars?: Record<string, string>;
  expect?: CaseExpectation;
  /**
   * An intended difference: Postern is not compared with Newman but checked against `expect`
   * (its own result), and `reason` is printed. Newman's baseline is still checked.
   */
  posternDiffers?: { reason: string; expect: PosternExpectation };
}

/**
 * @example loadManifest().map((entry) => entry.name) // ['url-forms', 'v20-format', …]
 */
export function loadManifest(dir: string = CORPUS_DIR): ManifestEntry[] {
  const parsed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases?: ManifestEntry[] };
  if (!Array.isArray(parsed.cases)) throw new Error('manifest.json has no "cases" array');
  return parsed.cases;
}

/**
 * Turns a manifest row into a CaseSpec: paths made absolute, `$ca`-style placeholders replaced
 * by the suite's TLS files, the corpus folder as working directory (for form-data `src`).
 */
export function resolveCase(entry: ManifestEntry, urls: EchoUrls, dir: string = CORPUS_DIR): CaseSpec {
  const file = (name: string | undefined) =>
    name === undefined || isAbsolute(name) ? name : join(dir, name);
  const tlsFile = (value: string | undefined) => {
    if (value === undefined || !value.startsWith('$')) return file(value);
    const key = value.slice(1);
    if (key !== 'ca' && key !== 'clientCert' && key !== 'clientKey')
      throw new Error(`unknown placeholder ${value}`);
    return urls.tlsFiles[key];
  };
  const { description: _description, posternDiffers: _posternDiffers, folder, ...rest } = entry;
  return {
    ...rest,
    collection: file(entry.collection)!,
    environment: file(entry.environment),
    globals: file(entry.globals),
    iterationData: file(entry.iterationData),
    folder: folder === undefined ? undefined : Array.isArray(folder) ? folder : [folder],
    sslClientCert: tlsFile(entry.sslClientCert),
    sslClientKey: tlsFile(entry.sslClientKey),
    sslExtraCaCerts: tlsFile(entry.sslExtraCaCerts),
    workingDir: dir,
  };
}
