// Runs the runner benchmarks and prints one JSON document (also saved under bench/results/).
//   npm run bench                 all
//   npm run bench -- --quick      fewer repetitions, 20,000 requests for memory
//   npm run bench -- --inherit-env  keep NODE_EXTRA_CA_CERTS for both tools (see lib.mjs)
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { INHERIT_ENV, ROOT, startEcho } from './lib.mjs';
import { memory } from './memory.mjs';
import { runnerVsNewman } from './runner-vs-newman.mjs';
import { startup } from './startup.mjs';

const quick = process.argv.includes('--quick');
const echo = await startEcho();
try {
  const step = async (name, fn) => {
    const result = await fn();
    process.stderr.write(`${name}: ${JSON.stringify(result)}\n`);
    return result;
  };
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    // the machine's load when the runs started (the benchmarks share it with whatever else runs)
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    nodeExtraCaCerts: INHERIT_ENV ? (process.env.NODE_EXTRA_CA_CERTS ?? null) : 'unset for both tools',
    runnerVsNewman: await step('runnerVsNewman', () => runnerVsNewman(echo.url, { runs: quick ? 2 : 7 })),
    startup: await step('startup', () => startup(echo.url, { runs: quick ? 3 : 10 })),
    memory: await step('memory', () => memory(echo.url, { requests: quick ? 20_000 : 100_000 })),
  };
  const out = JSON.stringify(results, null, 2);
  process.stdout.write(`${out}\n`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results', `runner-${results.date.slice(0, 19).replace(/:/g, '')}.json`),
    out,
  );
} finally {
  echo.stop();
}
