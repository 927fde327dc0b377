import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../corpus/index.ts';
import { scanDocument } from './scanner.ts';

describe('scanner speed', () => {
  // Loose bounds: the machine running tests is shared. `npm run bench:scanner` measures properly.
  it('scans a 1 MB workspace of collections quickly', () => {
    const workspace: string[] = [];
    let bytes = 0;
    for (let seed = 1; bytes < 1_000_000; seed++) {
      const corpus = generateCorpus({ seed, perKind: 1, decoys: 600, fillerRequests: 30 });
      for (const file of corpus.files) {
        if (!file.path.endsWith('.postman_collection.json') || bytes >= 1_000_000) continue;
        workspace.push(file.text);
        bytes += file.text.length;
      }
    }
    // Warm up: the first scans compile the rules' regular expressions.
    for (let pass = 0; pass < 3; pass++) for (const text of workspace) scanDocument(text);
    const start = performance.now();
    let findings = 0;
    for (const text of workspace) findings += scanDocument(text).length;
    const ms = performance.now() - start;
    console.log(
      `${(bytes / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms (${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s), ${findings} findings`,
    );
    expect(bytes).toBeGreaterThanOrEqual(1_000_000);
    expect(findings).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
  });
});
