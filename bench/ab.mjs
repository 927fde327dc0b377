// A/B of postern builds on the 500-request workload, in interleaved runs: this kind of VM drifts
// by 10-20% within minutes, so only runs taken side by side compare.
//   node bench/ab.mjs save NAME                 keep the current build (CLI and sandbox bundle)
//   node bench/ab.mjs compare NAME NAME... [--runs 8] [--requests 500]
// Builds are kept under bench/builds/ (ignored by git); `compare` puts each in place in turn and
// restores the current build at the end.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  environment,
  median,
  nodeFlags,
  POSTERN,
  ROOT,
  startEcho,
  tempDir,
  timed,
  workloadCollection,
  workloadRunArgs,
  writeJson,
} from './lib.mjs';

const BUILDS = join(ROOT, 'bench/builds');
/** What a build is made of: the CLI bundle and the in-isolate sandbox bundle. */
const PARTS = [
  ['cli', join(ROOT, 'apps/cli/dist')],
  ['runtime', join(ROOT, 'packages/runtime/dist')],
];

function save(name) {
  const dir = join(BUILDS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [part, path] of PARTS) cpSync(path, join(dir, part), { recursive: true });
  writeFileSync(join(BUILDS, '.gitignore'), '*\n');
}

function use(name) {
  for (const [part, path] of PARTS) {
    rmSync(path, { recursive: true, force: true });
    cpSync(join(BUILDS, name, part), path, { recursive: true });
  }
}

function option(args, flag, fallback) {
  const at = args.indexOf(flag);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

async function compare(args) {
  const names = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  for (const name of names) {
    if (!existsSync(join(BUILDS, name)))
      throw new Error(`no saved build ${name}: node bench/ab.mjs save ${name}`);
  }
  const runs = option(args, '--runs', 8);
  const requests = option(args, '--requests', 500);
  save('.current');
  const echo = await startEcho();
  const dir = tempDir();
  const collection = writeJson(dir, 'workload.json', workloadCollection(requests));
  const env = writeJson(dir, 'env.json', environment(echo.url));
  const warm = writeJson(dir, 'warm.json', workloadCollection(20));
  const times = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (let round = 0; round < runs; round++) {
      for (const name of names) {
        use(name);
        // the first run after a swap writes the sandbox bundle's code cache: not timed
        await timed(process.execPath, [...nodeFlags('postern'), POSTERN, 'run', warm, '-e', env]);
        const r = await timed(process.execPath, [
          ...nodeFlags('postern'),
          POSTERN,
          ...workloadRunArgs(collection, env, join(dir, 'out.json')),
        ]);
        if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr.slice(0, 300)}`);
        times[name].push(Math.round(r.ms));
      }
    }
  } finally {
    echo.stop();
    use('.current');
    rmSync(join(BUILDS, '.current'), { recursive: true, force: true });
  }
  for (const name of names) {
    process.stdout.write(`${name}: median ${median(times[name])} ms; runs ${times[name].join(' ')}\n`);
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'save' && rest[0]) save(rest[0]);
else if (command === 'compare' && rest.length > 0) await compare(rest);
else {
  process.stderr.write('usage: node bench/ab.mjs save NAME | compare NAME... [--runs 8] [--requests 500]\n');
  process.exitCode = 2;
}
