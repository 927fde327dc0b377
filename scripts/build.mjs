// Builds the runnable artefacts with esbuild: the `postern` CLI bundle (workspace packages inlined,
// npm dependencies left external) and every extra target a package registers in build-targets.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

/** Every npm dependency named by a workspace stays external; @postern/* sources are bundled. */
const external = new Set();
for (const ws of workspaces) {
  const pkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) if (!dep.startsWith('@postern/')) external.add(dep);
}

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

await Promise.all(targets.map((t) => esbuild.build(t)));
