// Differential test over our own corpus: every manifest case runs under Newman (checked against
// the case's stated expectations first) and under `postern run`; the normalised results must match.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineProblems } from './baseline.ts';
import { type EchoSuite, startEchoSuite } from './echo-suite.ts';
import { runNewman, runPostern } from './harness.ts';
import { CORPUS_DIR, loadManifest, type ManifestEntry, resolveCase } from './manifest.ts';
import type { NormalisedResult } from './types.ts';

const RUN_TIMEOUT_MS = 120_000;
const entries = loadManifest();
let suite: EchoSuite | undefined;
const newmanRuns = new Map<string, Promise<NormalisedResult>>();

beforeAll(async () => {
  suite = await startEchoSuite();
});
afterAll(async () => {
  await suite?.close();
});

function echo(): EchoSuite {
  if (!suite) throw new Error('echo suite not started');
  return suite;
}

/** Newman runs once per case; both tests of the case share it. */
function newmanResult(entry: ManifestEntry): Promise<NormalisedResult> {
  let run = newmanRuns.get(entry.name);
  if (!run) {
    run = runNewman(resolveCase(entry, echo().urls), echo().urls);
    newmanRuns.set(entry.name, run);
  }
  return run;
}

describe('corpus manifest', () => {
  it('lists at least 45 cases with unique names', () => {
    expect(entries.length).toBeGreaterThanOrEqual(45);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
  });

  it('names files that exist, and every collection file is used', () => {
    const named = entries.flatMap((e) => [e.collection, e.environment, e.globals, e.iterationData]);
    for (const file of named) if (file) expect(existsSync(join(CORPUS_DIR, file)), file).toBe(true);
    const collections = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.postman_collection.json'));
    const used = new Set(entries.map((e) => e.collection));
    expect(collections.filter((f) => !used.has(f))).toEqual([]);
  });

  it('gives every intended difference a reason and an expectation of its own', () => {
    for (const entry of entries.filter((e) => e.posternDiffers)) {
      expect(entry.posternDiffers?.reason.length, entry.name).toBeGreaterThan(20);
      expect(entry.posternDiffers?.expect, entry.name).toBeTypeOf('object');
    }
  });
});

for (const entry of entries) {
  describe(`corpus: ${entry.name}`, () => {
    it('newman baseline matches the case expectations', { timeout: RUN_TIMEOUT_MS }, async () => {
      const result = await newmanResult(entry);
      expect(baselineProblems(result, entry.expect)).toEqual([]);
      if (entry.expect?.aborted) return;
      expect(result.executions.length).toBeGreaterThan(0);
      // a case must assert something, unless what it checks is a request failing
      if (!entry.expect?.requestErrors?.length) {
        expect(result.executions.flatMap((e) => e.assertions).length).toBeGreaterThan(0);
      }
    });

    it('postern matches newman', { timeout: RUN_TIMEOUT_MS }, async () => {
      const postern = await runPostern(resolveCase(entry, echo().urls), echo().urls);
      const differs = entry.posternDiffers;
      if (differs) {
        // An intended difference: Postern is held to its own expected result instead.
        console.info(`corpus: ${entry.name}: postern differs from newman on purpose — ${differs.reason}`);
        expect(baselineProblems(postern, differs.expect)).toEqual([]);
        if (differs.expect.executions) expect(postern.executions).toEqual(differs.expect.executions);
        return;
      }
      expect(postern).toEqual(await newmanResult(entry));
    });
  });
}
