/**
 * Every rule the scanner knows, in priority order: when two patterns match the same text, the
 * earlier one is reported (Paystack before Stripe, provider formats before generic ones).
 */
import type { Pattern, Rule } from '../types.ts';
import { aiPatterns } from './ai.ts';
import { cloudPatterns } from './cloud.ts';
import { connectionStringPatterns } from './connection-strings.ts';
import { GENERIC_RULES, NAMED_CONTEXT_RULES } from './context.ts';
import { infraPatterns } from './infra.ts';
import { jwtPatterns } from './jwt.ts';
import { messagingPatterns } from './messaging.ts';
import { paymentPatterns } from './payment.ts';
import { privateKeyPatterns } from './private-keys.ts';
import { registryPatterns } from './registries.ts';
import { saasPatterns } from './saas.ts';
import { vcsPatterns } from './vcs.ts';

/** Patterns, with the `d` flag added so the `secret` group's position is known. */
export const PATTERNS: readonly Pattern[] = [
  ...vcsPatterns,
  ...cloudPatterns,
  ...infraPatterns,
  ...registryPatterns,
  ...paymentPatterns,
  ...messagingPatterns,
  ...aiPatterns,
  ...saasPatterns,
  ...privateKeyPatterns,
  ...jwtPatterns,
  ...connectionStringPatterns,
].map((p) => ({
  ...p,
  regex: p.regex.flags.includes('d') ? p.regex : new RegExp(p.regex.source, `${p.regex.flags}d`),
}));

/** Every rule, for SARIF's rule list and for `--help`-style listings. */
export const RULES: readonly Rule[] = [
  ...PATTERNS.flatMap((p) => p.rules),
  ...NAMED_CONTEXT_RULES.map((n) => n.rule),
  ...Object.values(GENERIC_RULES),
];

const byId = new Map(RULES.map((r) => [r.id, r]));

/**
 * Looks a rule up by id.
 *
 * @example
 * ruleById('github-pat')?.provider; // 'GitHub'
 */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export { GENERIC_RULES, NAMED_CONTEXT_RULES };
