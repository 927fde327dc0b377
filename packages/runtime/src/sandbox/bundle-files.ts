/**
 * The built in-isolate code (dist/sandbox-bundle.js and dist/sandbox-libs/*.js), read once per
 * process. V8 code caches are kept too, so each later isolate compiles the same file from its cache,
 * and they are saved next to the file (`<file>.<arch>-v8-<version>.cache`) so that later processes
 * start from them: compiling the bundle and Sugar from source costs every `postern run` ~10 ms.
 * The cache sits with the code it is made from: whoever can write it can write the code itself.
 * V8 rejects a cache that does not match the source or the V8 build; it is then made again.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ivm from 'isolated-vm';
import manifest from './libraries.json' with { type: 'json' };

/** Names a script may cause the host to load (the keys of libraries.json). */
export const LIBRARY_NAMES: ReadonlySet<string> = new Set(Object.keys(manifest));

interface CachedFile {
  path: string;
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
    file = { path, source, cachedData: readDiskCache(path) };
    files.set(path, file);
  }
  return file;
}

function diskCachePath(path: string): string {
  return `${path}.${process.arch}-v8-${process.versions.v8}.cache`;
}

function readDiskCache(path: string): ivm.ExternalCopy<ArrayBuffer> | undefined {
  try {
    const bytes = readFileSync(diskCachePath(path));
    return new ivm.ExternalCopy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch {
    return undefined;
  }
}

/** Best effort: an installation whose files cannot be written simply compiles from source. */
function writeDiskCache(path: string, data: ivm.ExternalCopy<ArrayBuffer>): void {
  const target = diskCachePath(path);
  const staging = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(staging, Buffer.from(data.copy()));
    renameSync(staging, target);
  } catch {
    // a read-only installation: no cache this time
    rmSync(staging, { force: true });
  }
}

/** Keeps the cache a compile produced, for this process and (on disk) the next ones. */
function keepCache(file: CachedFile, script: CompiledScript): ivm.Script {
  if (script.cachedData) {
    file.cachedData = script.cachedData;
    writeDiskCache(file.path, script.cachedData);
  }
  return script;
}

function compileInputs(name: string | null): { file: CachedFile; filename: string } {
  return { file: read(fileFor(name)), filename: `postern:${name ?? 'sandbox-bundle'}.js` };
}

/**
 * Compiles the base bundle (`name` null) or a library file into `isolate`, using and filling the
 * code caches.
 * @example compileBundleFile(isolate, null).runSync(context)
 */
export function compileBundleFile(isolate: ivm.Isolate, name: string | null): ivm.Script {
  const { file, filename } = compileInputs(name);
  if (file.cachedData) {
    const script = isolate.compileScriptSync(file.source, {
      filename,
      cachedData: file.cachedData,
    }) as CompiledScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(file.source, { filename, produceCachedData: true });
  return keepCache(file, script as CompiledScript);
}

/**
 * `compileBundleFile` on the isolate's own thread: the caller's thread goes on meanwhile.
 * @example const base = await compileBundleFileAsync(isolate, null);
 */
export async function compileBundleFileAsync(isolate: ivm.Isolate, name: string | null): Promise<ivm.Script> {
  const { file, filename } = compileInputs(name);
  if (file.cachedData) {
    const script = (await isolate.compileScript(file.source, {
      filename,
      cachedData: file.cachedData,
    })) as CompiledScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = await isolate.compileScript(file.source, { filename, produceCachedData: true });
  return keepCache(file, script as CompiledScript);
}
