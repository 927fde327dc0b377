// esbuild targets of @postern/runtime, built by scripts/build.mjs: the script sandbox's in-isolate
// code. `dist/sandbox-bundle.js` is the always-loaded part (event loop, console, pm API, chai);
// every library in src/sandbox/libraries.json becomes `dist/sandbox-libs/<name>.js`, compiled into
// an isolate only when a script first needs it. None of them may use a Node builtin: the isolate has
// none, so Node core modules resolve to npm polyfills that are themselves lazily loaded libraries.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bundleDir = join(here, 'src/sandbox/bundle');
const dist = join(here, 'dist');
/** @type {Record<string, string>} library name as scripts `require` it → module to bundle */
const libraries = JSON.parse(readFileSync(join(here, 'src/sandbox/libraries.json'), 'utf8'));
const libraryNames = Object.keys(libraries);
/**
 * Libraries resolved at run time through the sandbox's own `require` (one instance per context).
 * `uuid` is the sandbox's own (bundle/uuid.ts, Math.random like the vendor uuid Newman's bundle
 * exposes under that name): npm's uuid needs `crypto.getRandomValues`, which the isolate lacks.
 */
const runtimeResolved = [...libraryNames, 'uuid'];

/**
 * Where a library is built unlike the others, to bundle what Newman's sandbox (browserify) bundles:
 * - `bundled`: names it must not take from the shared libraries. assert 2 asks for the npm util
 *   0.12 (`require('util/')`, it needs `util.types`) while scripts' `util` is browserify's builtin
 *   util 0.10, as in Newman's bundle.
 * - `pinned`: packages resolved from this package's own (pinned) dependencies rather than from
 *   wherever npm hoisted them: Backbone gets underscore 1.13.3 and jQuery 3.7.1 as in Newman's
 *   bundle (backbone only asks for `underscore >=1.8.3`; the root's is another package's).
 * - `define`: timers-browserify calls the timers on `window`, the context's global object here.
 */
const libraryOptions = {
  assert: { bundled: ['util'] },
  backbone: { pinned: ['underscore', 'jquery'] },
  timers: { define: { window: 'globalThis' } },
};

/** A filter matching exactly these import paths. */
function exactly(names) {
  return new RegExp(`^(${names.map((n) => n.replace(/[/.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`);
}

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
    build.onResolve({ filter: exactly(runtimeResolved) }, (args) => ({
      path: args.path,
      namespace: 'postern-lazy',
    }));
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

/** Resolves `names` (bare imports) from this package, i.e. to the versions its package.json pins. */
function pinnedResolution(names) {
  return {
    name: 'postern-pinned-dependencies',
    setup(build) {
      build.onResolve({ filter: exactly(names) }, (args) =>
        args.pluginData === 'pinned'
          ? undefined
          : build.resolve(args.path, { kind: args.kind, resolveDir: here, pluginData: 'pinned' }),
      );
    },
  };
}

const shims = join(bundleDir, 'shims');
/**
 * Libraries whose module is a `*.build.mjs` file are generated: that module runs here, at build time,
 * and its default export returns the library's CommonJS source (`postern-content-types`: compact
 * tables from the mime-db and mime-format versions postman-collection uses, see the module).
 */
const generatedSources = Object.fromEntries(
  await Promise.all(
    libraryNames
      .filter((name) => libraries[name].endsWith('.build.mjs'))
      .map(async (name) => {
        const generator = await import(pathToFileURL(join(bundleDir, libraries[name])).href);
        return [name, generator.default()];
      }),
  ),
);

const libraryBundles = libraryNames.map((name) => ({
  ...common,
  define: { ...common.define, ...libraryOptions[name]?.define },
  plugins: libraryOptions[name]?.pinned ? [pinnedResolution(libraryOptions[name].pinned)] : [],
  stdin: {
    contents: generatedSources[name] ?? `module.exports = require(${JSON.stringify(libraries[name])});`,
    resolveDir: bundleDir,
  },
  outfile: libraryFile(name),
  format: 'cjs',
  external: runtimeResolved.filter((n) => n !== name && !libraryOptions[name]?.bundled?.includes(n)),
  // `Buffer` and the timers are globals of the context (see libraries.ts); `process` is a shim
  inject: [join(shims, 'process.js')],
  // The sandbox runs this file in a context and receives the CommonJS factory (see libraries.ts).
  banner: { js: '__posternDefine(function (require, module, exports) {' },
  footer: { js: '});' },
}));

export default [baseBundle, ...libraryBundles];
