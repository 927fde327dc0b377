// 100,000 requests (a 10-request collection × 10,000 iterations, a test each, json + cli reports
// written): peak RSS of `postern run` (target < 200 MB) and RSS samples over the run (flat).
import { join } from 'node:path';
import { environment, POSTERN, tempDir, timed, workloadCollection, writeJson } from './lib.mjs';

export async function memory(echoUrl, { requests = 100_000 } = {}) {
  const dir = tempDir();
  const perIteration = 10;
  const collection = writeJson(dir, 'ten.json', workloadCollection(perIteration));
  const env = writeJson(dir, 'env.json', environment(echoUrl));
  const r = await timed(
    process.execPath,
    [
      '--no-node-snapshot',
      POSTERN,
      'run',
      collection,
      '-e',
      env,
      '-n',
      String(requests / perIteration),
      '-r',
      'cli,json',
      '--reporter-json-export',
      join(dir, 'big.json'),
    ],
    { sampleMs: 1000 },
  );
  if (r.code !== 0) throw new Error(`postern exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  const q = (f) => r.samples[Math.min(r.samples.length - 1, Math.floor(r.samples.length * f))];
  return {
    name: `${requests} requests: peak memory`,
    peakMb: r.peakMb,
    seconds: Math.round(r.ms / 100) / 10,
    rssMbAt: { '10%': q(0.1), '50%': q(0.5), '90%': q(0.9) },
  };
}
