/**
 * The built in-isolate code (dist/sandbox-bundle.js and dist/sandbox-libs/*.js), read once per
 * process. V8 code caches are kept too, so each later isolate compiles the same file from its cache.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ivm from 'isolated-vm';
import manifest from './libraries.json' with { type: 'json' };

/** Names a script may cause the host to load (the keys of libraries.json). */
export const LIBRARY_NAMES: ReadonlySet<string> = new Set(Object.keys(manifest));

interface CachedFile {
  source: string;
  cachedData?: ivm.ExternalCopy<ArrayBuffer>;
}

/** isolated-vm sets these on the compiled script; its typings leave them out. */
type CompiledScript = ivm.Script & {
  cachedData?: ivm.ExternalCopy<ArrayBuffer>;
  cachedDataRejected?: boolean;
};

const files = new Map<string, CachedFile>();
let bundlePath: string | undefined;

function locateBundle(): string {
  if (bundlePath) return bundlePath;
  try {
    bundlePath = createRequire(import.meta.url).resolve('@postern/runtime/sandbox-bundle');
  } catch {
    // running from the sources without the package link: dist sits two levels up
    bundlePath = join(dirname(fileURLToPath(import.meta.url)), '../../dist/sandbox-bundle.js');
  }
  return bundlePath;
}

function fileFor(name: string | null): string {
  const bundle = locateBundle();
  return name === null ? bundle : join(dirname(bundle), 'sandbox-libs', `${name.replaceAll('/', '__')}.js`);
}

function read(path: string): CachedFile {
  let file = files.get(path);
  if (!file) {
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`sandbox: ${path} is missing; build it with \`npm run build\``);
    }
    file = { source };
    files.set(path, file);
  }
  return file;
}

/**
 * Compiles the base bundle (`name` null) or a library file into `isolate`, using and filling the
 * process-wide code cache.
 * @example compileBundleFile(isolate, null).runSync(context)
 */
export function compileBundleFile(isolate: ivm.Isolate, name: string | null): ivm.Script {
  const path = fileFor(name);
  const file = read(path);
  const filename = `postern:${name ?? 'sandbox-bundle'}.js`;
  if (file.cachedData) {
    const script = isolate.compileScriptSync(file.source, {
      filename,
      cachedData: file.cachedData,
    }) as CompiledScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(file.source, {
    filename,
    produceCachedData: true,
  }) as CompiledScript;
  if (script.cachedData) file.cachedData = script.cachedData;
  return script;
}
