// Newman's own integration corpus (plus the two shared samples), pointed at the local fixtures:
// Newman must pass each case (as in Newman's own test suite) and postern must agree with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineProblems } from './baseline.ts';
import { type EchoSuite, startEchoSuite } from './echo-suite.ts';
import { runNewman, runPostern } from './harness.ts';
import {
  listIntegrationCaseNames,
  NAME_MASKS,
  NOT_RUNNABLE_OFFLINE,
  PATCHES,
  prepareIntegrationCases,
  prepareSampleCases,
  RANDOM_EXPORTS,
} from './integration-cases.ts';
import type { CaseSpec, NormalisedResult } from './types.ts';

const RUN_TIMEOUT_MS = 120_000;
const names = [...listIntegrationCaseNames(), 'sample/s1-echo', 'sample/s2-flow'];
const runnable = names.filter((name) => !(name in NOT_RUNNABLE_OFFLINE));
let suite: EchoSuite | undefined;
let workDir = '';
const specs = new Map<string, CaseSpec>();
const newmanRuns = new Map<string, Promise<NormalisedResult>>();

beforeAll(async () => {
  for (const [name, reason] of Object.entries(NOT_RUNNABLE_OFFLINE)) {
    console.warn(`newman-integration: not runnable offline: ${name} — ${reason}`);
  }
  for (const [name, patch] of Object.entries(PATCHES))
    console.info(`newman-integration: patched ${name} — ${patch.reason}`);
  for (const [name, masks] of Object.entries(NAME_MASKS))
    for (const mask of masks) console.info(`newman-integration: masked names in ${name} — ${mask.reason}`);
  suite = await startEchoSuite();
  workDir = mkdtempSync(join(tmpdir(), 'postern-newman-integration-'));
  for (const spec of [...prepareIntegrationCases(suite, workDir), ...prepareSampleCases(suite, workDir)]) {
    specs.set(spec.name, spec);
  }
});
afterAll(async () => {
  await suite?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function caseContext(name: string): { spec: CaseSpec; suite: EchoSuite } {
  const spec = specs.get(name);
  if (!spec || !suite) throw new Error(`case ${name} was not prepared`);
  return { spec, suite };
}

/**
 * Drops exported variables that hold per-run random values (see RANDOM_EXPORTS) and masks
 * assertion names built from them (see NAME_MASKS).
 */
function comparable(name: string, result: NormalisedResult): NormalisedResult {
  const masks = NAME_MASKS[name] ?? [];
  const masked: NormalisedResult =
    masks.length === 0
      ? result
      : {
          ...result,
          executions: result.executions.map((execution) => ({
            ...execution,
            assertions: execution.assertions.map((assertion) => ({
              ...assertion,
              name: masks.reduce((text, m) => text.replace(m.pattern, m.replacement), assertion.name),
            })),
          })),
        };
  const drop = new Set(RANDOM_EXPORTS[name]?.variables ?? []);
  if (drop.size === 0) return masked;
  const keep = (vars: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(vars).filter(([k]) => !drop.has(k)));
  return { ...masked, environment: keep(masked.environment), globals: keep(masked.globals) };
}

function newmanResult(name: string): Promise<NormalisedResult> {
  let run = newmanRuns.get(name);
  if (!run) {
    const { spec, suite: s } = caseContext(name);
    run = runNewman(spec, s.urls);
    newmanRuns.set(name, run);
  }
  return run;
}

it('accounts for every collection of the corpus', () => {
  expect(runnable.length + Object.keys(NOT_RUNNABLE_OFFLINE).length).toBe(names.length);
  expect(runnable.length).toBeGreaterThan(40);
});

for (const name of runnable) {
  describe(`newman-integration: ${name}`, () => {
    it('newman passes against the local echo', { timeout: RUN_TIMEOUT_MS }, async () => {
      const result = await newmanResult(name);
      expect(baselineProblems(result)).toEqual([]);
    });

    it('postern matches newman', { timeout: RUN_TIMEOUT_MS }, async () => {
      const newman = await newmanResult(name);
      const { spec, suite: s } = caseContext(name);
      expect(comparable(name, await runPostern(spec, s.urls))).toEqual(comparable(name, newman));
    });
  });
}
