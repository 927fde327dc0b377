// A one-request collection: wall time from process start to exit (target < 300 ms), vs Newman.
import {
  environment,
  median,
  NEWMAN,
  nodeFlags,
  POSTERN,
  singleRequestCollection,
  tempDir,
  timed,
  writeJson,
} from './lib.mjs';

export async function startup(echoUrl, { runs = 10 } = {}) {
  const dir = tempDir();
  const collection = writeJson(dir, 'single.json', singleRequestCollection());
  const env = writeJson(dir, 'env.json', environment(echoUrl));
  const times = { postern: [], newman: [] };
  for (let i = 0; i < runs; i++) {
    for (const [tool, bin] of [
      ['postern', POSTERN],
      ['newman', NEWMAN],
    ]) {
      const r = await timed(process.execPath, [...nodeFlags(tool), bin, 'run', collection, '-e', env]);
      if (r.code !== 0) throw new Error(`${tool} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      times[tool].push(r.ms);
    }
  }
  return {
    name: 'one-request collection, process start to exit',
    posternMs: Math.round(median(times.postern)),
    newmanMs: Math.round(median(times.newman)),
  };
}
