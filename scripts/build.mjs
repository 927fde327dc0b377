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
