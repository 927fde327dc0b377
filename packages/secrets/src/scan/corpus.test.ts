import { describe, expect, it } from 'vitest';
import { generateCorpus, offsetOf, SECRET_KINDS, scoreFindings, type ToolFinding } from '../corpus/index.ts';
import { scanDocument } from './scanner.ts';

describe('the labelled corpus', () => {
  const corpus = generateCorpus({ seed: 20_250_601 });

  it('is large and varied enough to measure', () => {
    const kinds = new Set(corpus.labels.map((l) => l.kind));
    console.log(
      `corpus: ${corpus.files.length} files, ${corpus.labels.length} planted secrets of ${kinds.size} kinds, ${corpus.decoyCount} decoys`,
    );
    expect(corpus.labels.length).toBeGreaterThanOrEqual(300);
    expect(kinds.size).toBeGreaterThanOrEqual(30);
    expect(kinds.size).toBe(new Set(SECRET_KINDS.map((k) => k.kind)).size);
    expect(corpus.decoyCount).toBeGreaterThanOrEqual(1000);
    // Every planted secret is in its file, and Postman files are valid JSON.
    for (const file of corpus.files)
      if (file.path.endsWith('.json')) expect(() => JSON.parse(file.text)).not.toThrow();
  });

  it('is scanned with precision ≥ 0.97 and recall ≥ 0.95', () => {
    const findings: ToolFinding[] = [];
    for (const file of corpus.files) {
      for (const f of scanDocument(file.text, { file: file.path })) {
        const start = offsetOf(file.text, f.line, f.column);
        findings.push({ file: file.path, start, end: start + f.secret.length, ruleId: f.ruleId });
      }
    }
    const score = scoreFindings(corpus, findings);
    console.log(
      `scanner: precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}, F1 ${score.f1.toFixed(4)} ` +
        `(${score.truePositives} true, ${score.falsePositives} false positives, ${score.falseNegatives} missed)`,
    );
    for (const missed of score.missed) console.log(`missed: ${missed.kind} in ${missed.file}`);
    for (const wrong of score.spurious)
      console.log(`false positive: ${wrong.ruleId} in ${wrong.file} at ${wrong.start}`);
    expect(score.precision).toBeGreaterThanOrEqual(0.97);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });
});
