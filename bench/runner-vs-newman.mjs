// 500 requests, two tests and an environment write each, against the local echo server:
// wall time of `postern run` and `newman run` (same reporters), median of N runs, and a check
// that both produced the same stats and exported environment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  environment,
  median,
  NEWMAN,
  nodeFlags,
  POSTERN,
  tempDir,
  timed,
  workloadCollection,
  workloadRunArgs,
  writeJson,
} from './lib.mjs';

export async function runnerVsNewman(echoUrl, { requests = 500, runs = 5 } = {}) {
  const dir = tempDir();
  const collection = writeJson(dir, 'workload.json', workloadCollection(requests));
  const env = writeJson(dir, 'env.json', environment(echoUrl));
  const args = (tool) => [
    ...workloadRunArgs(collection, env, join(dir, `${tool}.json`)),
    '--export-environment',
    join(dir, `${tool}-env.json`),
  ];
  const times = { postern: [], newman: [] };
  for (let i = 0; i < runs; i++) {
    for (const [tool, bin] of [
      ['postern', POSTERN],
      ['newman', NEWMAN],
    ]) {
      const r = await timed(process.execPath, [...nodeFlags(tool), bin, ...args(tool)]);
      if (r.code !== 0) throw new Error(`${tool} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      times[tool].push(r.ms);
    }
  }
  const stats = (tool) => JSON.parse(readFileSync(join(dir, `${tool}.json`), 'utf8')).run.stats;
  const envOut = (tool) =>
    JSON.parse(readFileSync(join(dir, `${tool}-env.json`), 'utf8')).values.map((v) => [
      v.key,
      String(v.value),
    ]);
  const same =
    JSON.stringify(stats('postern').assertions) === JSON.stringify(stats('newman').assertions) &&
    stats('postern').requests.total === stats('newman').requests.total &&
    JSON.stringify(envOut('postern')) === JSON.stringify(envOut('newman'));
  const postern = median(times.postern);
  const newman = median(times.newman);
  return {
    name: `${requests} requests, 2 tests + env write each`,
    posternMs: Math.round(postern),
    newmanMs: Math.round(newman),
    speedup: Number((newman / postern).toFixed(1)),
    // every run, in order: the spread shows how much the machine's load moved the medians
    posternRunsMs: times.postern.map(Math.round),
    newmanRunsMs: times.newman.map(Math.round),
    sameResults: same,
    assertions: stats('postern').assertions,
  };
}
