import { describe, expect, it } from 'vitest';
import { sampleSecret } from '../corpus/index.ts';
import { applyBaseline, BaselineError, parseBaseline, serializeBaseline } from './baseline.ts';
import { formatJson, formatText, guardSecrets, toJsonReport } from './format.ts';
import { toSarif } from './sarif.ts';
import { scanDocument } from './scanner.ts';

const token = sampleSecret('github-pat', 5);
const password = sampleSecret('generic-password', 6);
const text = JSON.stringify(
  {
    values: [
      { key: 'GITHUB_TOKEN', value: token },
      { key: 'password', value: password },
    ],
  },
  null,
  2,
);
const findings = scanDocument(text, { file: 'env.json' });

describe('reports', () => {
  it('JSON has exactly the documented fields, in order, and no secret', () => {
    const report = toJsonReport(findings);
    expect(report.findings.map((f) => Object.keys(f))).toEqual([
      ['file', 'line', 'column', 'ruleId', 'jsonPath', 'redacted', 'fingerprint'],
      ['file', 'line', 'column', 'ruleId', 'jsonPath', 'redacted', 'fingerprint'],
    ]);
    expect(report.findings[0]).toMatchObject({ file: 'env.json', ruleId: 'github-pat', redacted: 'ghp_…' });
    const json = formatJson(findings);
    expect(JSON.parse(json)).toEqual(report);
    expect(json).not.toContain(token);
    expect(json).not.toContain(password);
  });

  it('text lists one finding per line and a summary', () => {
    const out = formatText(findings, { filesScanned: 3, accepted: 1 });
    expect(out.split('\n')[0]).toBe(`env.json:5:17  github-pat  ghp_…  values[0].value`);
    expect(out).toContain('2 secrets found in 1 of 3 files. 1 known finding accepted by the baseline.');
    expect(out).not.toContain(token);
    expect(formatText([], { filesScanned: 1 })).toBe('No secrets found in 1 file.\n');
  });

  it('SARIF 2.1.0 names rules, locations, JSON paths and fingerprints', () => {
    const log = toSarif(findings, { name: 'postern', version: '0.1.0' });
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['github-pat', 'generic-password']);
    expect(run?.results[0]).toMatchObject({
      ruleId: 'github-pat',
      ruleIndex: 0,
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'env.json' },
            region: { startLine: 5, startColumn: 17 },
          },
          logicalLocations: [{ fullyQualifiedName: 'values[0].value', kind: 'value' }],
        },
      ],
      partialFingerprints: { 'postern/secret/v1': findings[0]?.fingerprint },
    });
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('guardSecrets hides any secret that reaches the output another way', () => {
    expect(guardSecrets(`file ${token}.json`, findings)).toBe('file [secret:github-pat].json');
  });
});

describe('baselines', () => {
  it('round-trip and accept known findings by fingerprint', () => {
    const baseline = serializeBaseline(findings);
    expect(baseline).not.toContain(token);
    const known = parseBaseline(baseline);
    expect(known.size).toBe(2);
    const later = scanDocument(`{"moved": {"token": "${token}"}}`, { file: 'other.json' });
    expect(applyBaseline(later, known)).toMatchObject({ fresh: [], accepted: [{ ruleId: 'github-pat' }] });
    expect(applyBaseline(later, new Set()).fresh).toHaveLength(1);
  });

  it('accept a JSON report as a baseline', () => {
    expect(parseBaseline(formatJson(findings)).size).toBe(2);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[]', /expected a JSON object/],
    ['{"version": 2, "findings": []}', /unsupported version 2/],
    ['{"version": 1}', /expected a "findings" array/],
    ['{"findings": [{"fingerprint": "zz"}]}', /findings\[0\]\.fingerprint/],
  ])('reject %s', (input, message) => {
    expect(() => parseBaseline(input)).toThrow(BaselineError);
    expect(() => parseBaseline(input)).toThrow(message);
  });
});
