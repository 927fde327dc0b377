import { describe, expect, it } from 'vitest';
import { SECRET_KINDS } from '../corpus/index.ts';
import { Random } from '../corpus/random.ts';
import { PATTERNS, RULES } from './rules/index.ts';
import { scanDocument, scanText } from './scanner.ts';

describe('the rule set', () => {
  it('covers at least 100 providers with unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const providers = new Set(RULES.filter((r) => r.provider !== 'Generic').map((r) => r.provider));
    console.log(`rules: ${RULES.length}, providers: ${providers.size}`);
    expect(providers.size).toBeGreaterThanOrEqual(100);
  });

  it('gives every pattern something for the prefilter to look for', () => {
    for (const pattern of PATTERNS) {
      expect((pattern.prefixes?.length ?? 0) + (pattern.keywords?.length ?? 0)).toBeGreaterThan(0);
      expect(pattern.regex.flags).toContain('g');
    }
  });

  it('has a generated sample for every rule', () => {
    const kinds = new Set(SECRET_KINDS.map((k) => k.kind));
    expect(RULES.map((r) => r.id).filter((id) => !kinds.has(id))).toEqual([]);
  });
});

describe('each kind of secret', () => {
  // Every kind, written the way it is stored (`NAME=value` and a JSON `{key, value}` pair), is
  // reported by its own rule, with the secret exactly.
  for (const kind of SECRET_KINDS) {
    it(`${kind.kind} (${kind.names[0]})`, () => {
      const r = new Random(kind.kind.length * 7919);
      const secret = kind.make(r);
      const written = kind.wrap ? kind.wrap(secret, r) : secret;
      const name = kind.names[0] as string;
      const text = `${name}="${written}"\n`;
      expect(scanText(text).map((f) => [f.ruleId, f.secret])).toContainEqual([kind.kind, secret]);
      const json = JSON.stringify({ values: [{ key: name, value: written }] });
      expect(scanDocument(json).map((f) => [f.ruleId, f.secret, f.jsonPath])).toContainEqual([
        kind.kind,
        secret,
        'values[0].value',
      ]);
    });
  }
});

describe('regular expressions', () => {
  it('stay fast on adversarial input (no catastrophic backtracking)', () => {
    const inputs = [
      'a'.repeat(200_000),
      `ghp_${'a'.repeat(200_000)}`,
      `-----BEGIN RSA PRIVATE KEY-----${'A'.repeat(100_000)}`,
      `postgres://${'a:'.repeat(50_000)}`,
      `eyJ${'a.'.repeat(50_000)}`,
      `password=${'x'.repeat(100_000)} token: ${'Ab1'.repeat(30_000)}`,
      `${'sv=2020-01-01&a=b'.repeat(5000)}&sig=`,
      `${'https://hooks.slack.com/services/'.repeat(5000)}`,
      `${'AAAA:APA91b'.repeat(10_000)}`,
      `${'-us1 '.repeat(20_000)}${'0'.repeat(50_000)}`,
    ];
    for (const input of inputs) {
      const start = performance.now();
      scanText(input);
      scanDocument(JSON.stringify({ value: input }));
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
