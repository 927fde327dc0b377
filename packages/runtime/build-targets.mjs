// esbuild targets of @postern/runtime, built by scripts/build.mjs: the script sandbox's in-isolate
// code. `dist/sandbox-bundle.js` is the always-loaded part (event loop, console, pm API, chai);
// every library in src/sandbox/libraries.json becomes `dist/sandbox-libs/<name>.js`, compiled into
// an isolate only when a script first needs it. None of them may use a Node builtin: the isolate has
// none, so Node core modules resolve to npm polyfills that are themselves lazily loaded libraries.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bundleDir = join(here, 'src/sandbox/bundle');
const dist = join(here, 'dist');
/** @type {Record<string, string>} library name as scripts `require` it → module to bundle */
const libraries = JSON.parse(readFileSync(join(here, 'src/sandbox/libraries.json'), 'utf8'));
const libraryNames = Object.keys(libraries);
/** Libraries resolved at run time through the sandbox's own `require` (one instance per context). */
const runtimeResolved = [...libraryNames, 'timers'];

/** Output file of a library: `csv-parse/lib/sync` → `sandbox-libs/csv-parse__lib__sync.js`. */
export function libraryFile(name) {
  return join(dist, 'sandbox-libs', `${name.replaceAll('/', '__')}.js`);
}

const common = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { global: 'globalThis' },
};

/**
 * In the always-loaded bundle, an import of a lazily loaded library becomes a call to the
 * sandbox's `requireLibrary`, so the pm API and scripts share one instance of it. `util` is the
 * exception: only chai's inspector (loupe) asks for it, to probe `util.inspect.custom`, which the
 * util polyfill lacks (as in Newman's bundle), so an empty module gives the same answer without
 * loading util into every context.
 */
const lazyImports = {
  name: 'postern-lazy-libraries',
  setup(build) {
    const filter = new RegExp(
      `^(${runtimeResolved.map((n) => n.replace(/[/.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'postern-lazy' }));
    build.onLoad({ filter: /.*/, namespace: 'postern-lazy' }, (args) => ({
      contents:
        args.path === 'util'
          ? 'module.exports = {};'
          : `module.exports = require(${JSON.stringify(join(bundleDir, 'libraries.ts'))}).requireLibrary(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: bundleDir,
    }));
  },
};

const baseBundle = {
  ...common,
  entryPoints: [join(bundleDir, 'entry.ts')],
  outfile: join(dist, 'sandbox-bundle.js'),
  format: 'iife',
  keepNames: true,
  plugins: [lazyImports],
};

const shims = join(bundleDir, 'shims');
const libraryBundles = libraryNames.map((name) => ({
  ...common,
  stdin: { contents: `module.exports = require(${JSON.stringify(libraries[name])});`, resolveDir: bundleDir },
  outfile: libraryFile(name),
  format: 'cjs',
  external: runtimeResolved.filter((n) => n !== name),
  // `Buffer` and the timers are globals of the context (see libraries.ts); `process` is a shim
  inject: [join(shims, 'process.js')],
  // The sandbox runs this file in a context and receives the CommonJS factory (see libraries.ts).
  banner: { js: '__posternDefine(function (require, module, exports) {' },
  footer: { js: '});' },
}));

export default [baseBundle, ...libraryBundles];
