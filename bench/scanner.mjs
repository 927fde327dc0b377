// Secret scanner benchmark (npm run bench:scanner):
//  (a) throughput of scanDocument on ~20 MB of generated Postman collections, one core;
//  (b) precision, recall, F1 and time of `postern scan` and of secretlint (recommended preset) on
//      the labelled corpus written to a temporary folder.
// The scanner and the corpus generator are TypeScript: they are bundled with esbuild into
// bench/.tmp first. Prints a table and saves the figures under bench/results/. Prints no secret.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { POSTERN, ROOT, tempDir } from './lib.mjs';

const TARGET_BYTES = 20_000_000;
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');

async function loadScanner() {
  const outfile = join(ROOT, 'bench/.tmp/scanner-bundle.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export * from './packages/secrets/src/scan/index.ts';",
        "export * from './packages/secrets/src/corpus/index.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

function mbPerSecond(bytes, ms) {
  return bytes / 1e6 / (ms / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** (a) Collections only, realistic density: most requests hold no secret. */
function throughput(scanner) {
  const docs = [];
  let bytes = 0;
  for (let seed = 1; bytes < TARGET_BYTES; seed++) {
    const corpus = scanner.generateCorpus({ seed, perKind: 1, decoys: 600, fillerRequests: 40 });
    for (const file of corpus.files) {
      if (!file.path.endsWith('.postman_collection.json') || bytes >= TARGET_BYTES) continue;
      docs.push(file.text);
      bytes += file.text.length;
    }
  }
  // Wall time, and CPU time of this process (the figure that holds on a busy shared machine).
  const pass = () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let findings = 0;
    for (const text of docs) findings += scanner.scanDocument(text).length;
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, findings };
  };
  const cold = pass();
  const warm = [pass(), pass(), pass()];
  const rate = (ms) => Number(mbPerSecond(bytes, ms).toFixed(1));
  return {
    documents: docs.length,
    megabytes: Number((bytes / 1e6).toFixed(2)),
    findings: cold.findings,
    firstPassMBps: rate(cold.ms),
    firstPassCpuMBps: rate(cold.cpuMs),
    warmMBps: rate(median(warm.map((w) => w.ms))),
    warmCpuMBps: rate(median(warm.map((w) => w.cpuMs))),
  };
}

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const start = performance.now();
    execFile(cmd, args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr, seconds: (performance.now() - start) / 1000 });
    });
  });
}

/** Parses a tool's JSON report; the error never quotes the report (it contains the corpus). */
function parseReport(text, tool) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${tool} wrote a report that is not JSON (${text.length} characters): ${error.name}`);
  }
}

function toolScore(scanner, corpus, name, result, findings) {
  const score = scanner.scoreFindings(corpus, findings);
  return {
    tool: name,
    exitCode: result.code,
    precision: Number(score.precision.toFixed(4)),
    recall: Number(score.recall.toFixed(4)),
    f1: Number(score.f1.toFixed(4)),
    truePositives: score.truePositives,
    falsePositives: score.falsePositives,
    missed: score.falseNegatives,
    seconds: Number(result.seconds.toFixed(2)),
  };
}

/** (b) Both tools on the labelled corpus, as processes, on the same folder. */
async function accuracy(scanner) {
  const corpus = scanner.generateCorpus({ seed: 20_250_601 });
  const dir = join(tempDir(), 'corpus');
  const textOf = new Map();
  for (const file of corpus.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
    textOf.set(file.path, file.text);
  }
  const postern = await run(
    process.execPath,
    ['--no-node-snapshot', POSTERN, 'scan', '.', '--format', 'json'],
    dir,
  );
  if (postern.code !== 1)
    throw new Error(`postern scan exited ${postern.code}: ${postern.stderr.slice(0, 300)}`);
  // postern's report holds no secret; secretlint's does (its JSON carries each file's content).
  const ours = parseReport(postern.stdout, 'postern').findings.map((f) => {
    const start = scanner.offsetOf(textOf.get(f.file), f.line, f.column);
    return { file: f.file, start, end: start + 1, ruleId: f.ruleId };
  });

  const rc = join(dirname(dir), 'secretlintrc.json');
  const report = join(dirname(dir), 'secretlint.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // --output: secretlint exits before a large stdout is flushed to a pipe.
  const secretlint = await run(
    process.execPath,
    [SECRETLINT, '**/*', '--format', 'json', '--secretlintrc', rc, '--output', report],
    dir,
  );
  if (![0, 1].includes(secretlint.code)) throw new Error(`secretlint exited ${secretlint.code}`);
  const theirs = parseReport(readFileSync(report, 'utf8'), 'secretlint').flatMap((file) =>
    file.messages.map((m) => ({
      file: relative(dir, file.filePath).split('\\').join('/'),
      start: m.range[0],
      end: m.range[1],
      ruleId: m.ruleId,
    })),
  );
  rmSync(dirname(dir), { recursive: true, force: true });
  return {
    corpus: {
      files: corpus.files.length,
      secrets: corpus.labels.length,
      kinds: new Set(corpus.labels.map((l) => l.kind)).size,
      decoys: corpus.decoyCount,
    },
    tools: [
      toolScore(scanner, corpus, 'postern', postern, ours),
      toolScore(scanner, corpus, 'secretlint', secretlint, theirs),
    ],
  };
}

if (!existsSync(join(ROOT, 'apps/cli/dist/postern.js'))) {
  throw new Error('the CLI bundle is missing: run `npm run build` first');
}
const scanner = await loadScanner();
process.stderr.write('measuring throughput…\n');
const speed = throughput(scanner);
process.stderr.write('scanning the labelled corpus with postern and secretlint…\n');
const quality = await accuracy(scanner);

const pad = (value, width) => String(value).padEnd(width);
const lines = [
  `Throughput: ${speed.megabytes} MB of Postman collections (${speed.documents} files), one core`,
  `  first pass ${speed.firstPassMBps} MB/s (${speed.firstPassCpuMBps} MB per CPU second), ` +
    `warm, median of 3: ${speed.warmMBps} MB/s (${speed.warmCpuMBps} MB per CPU second)`,
  '',
  `Labelled corpus: ${quality.corpus.secrets} planted secrets of ${quality.corpus.kinds} kinds, ${quality.corpus.decoys} decoys, ${quality.corpus.files} files`,
  `  ${pad('tool', 12)}${pad('precision', 11)}${pad('recall', 9)}${pad('F1', 9)}${pad('TP', 6)}${pad('FP', 6)}${pad('missed', 8)}time`,
  ...quality.tools.map(
    (t) =>
      `  ${pad(t.tool, 12)}${pad(t.precision.toFixed(3), 11)}${pad(t.recall.toFixed(3), 9)}${pad(t.f1.toFixed(3), 9)}` +
      `${pad(t.truePositives, 6)}${pad(t.falsePositives, 6)}${pad(t.missed, 8)}${t.seconds.toFixed(2)} s`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
const results = { date: new Date().toISOString(), node: process.version, throughput: speed, ...quality };
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results', `scanner-${results.date.slice(0, 19).replace(/:/g, '')}.json`),
  `${JSON.stringify(results, null, 2)}\n`,
);
