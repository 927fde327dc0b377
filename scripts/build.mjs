// Builds the runnable artefacts with esbuild: the `postern` CLI bundle (workspace packages inlined,
// npm dependencies left external) and every extra target a package registers in build-targets.mjs.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

/**
 * The CLI bundle inlines its npm dependencies too: one ESM file starts faster than hundreds of
 * modules (Node parses every CommonJS package it imports from ESM). Native addons, and the server's
 * dependencies (loaded only by `postern serve`, some with optional native parts), stay external.
 */
const external = new Set(['isolated-vm', 'better-sqlite3', 'pg-native']);
const serverPkg = JSON.parse(readFileSync(join(root, 'apps/server/package.json'), 'utf8'));
for (const dep of Object.keys(serverPkg.dependencies ?? {})) external.add(dep);

/**
 * commander requires node:child_process as it loads (~4 ms of every start) for a feature we never
 * use (stand-alone executable subcommands): it gets a stand-in that loads the module on first use.
 */
const lazyChildProcess = {
  name: 'postern-lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'postern-lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'postern-lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * isolated-vm is CommonJS: imported from the ESM bundle, Node would load its CommonJS lexer and scan
 * the file for export names (~3 ms of every `postern run`); required, it loads directly.
 */
const requireIsolatedVm = {
  name: 'postern-require-isolated-vm',
  setup(build) {
    build.onResolve({ filter: /^isolated-vm$/ }, (args) =>
      args.namespace === 'postern-require'
        ? undefined
        : { path: 'isolated-vm', namespace: 'postern-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'postern-require' }, () => ({
      contents: "module.exports = require('isolated-vm');",
      loader: 'js',
    }));
  },
};

const targets = [
  {
    // Split so each command loads only what it needs (startup time of `postern run` matters).
    entryPoints: { postern: join(root, 'apps/cli/src/main.ts') },
    outdir: join(root, 'apps/cli/dist'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    external: [...external].flatMap((d) => [d, `${d}/*`]),
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [lazyChildProcess, requireIsolatedVm],
    banner: {
      js: "import { createRequire as __pcr } from 'node:module'; const require = __pcr(import.meta.url);",
    },
  },
];

for (const ws of workspaces) {
  const extra = join(root, ws, 'build-targets.mjs');
  if (existsSync(extra)) targets.push(...(await import(pathToFileURL(extra).href)).default);
}

// The CLI is built into a fresh folder and swapped in, so stale chunks do not pile up and a CLI
// started during a rebuild never sees a half-written bundle.
const cliDist = join(root, 'apps/cli/dist');
const staging = `${cliDist}.build-${process.pid}`;
targets[0].outdir = staging;
await Promise.all(targets.map((t) => esbuild.build(t)));
const old = `${cliDist}.old-${process.pid}`;
if (existsSync(cliDist)) renameSync(cliDist, old);
renameSync(staging, cliDist);
rmSync(old, { recursive: true, force: true });
