/**
 * Builders for rules and patterns, so each rule file reads as a table of formats.
 */
import { hasBase62Crc32 } from '../checksum.ts';
import type { Pattern, Rule, RuleKind } from '../types.ts';

/**
 * Declares a rule.
 *
 * @example
 * const rule = defineRule('github-pat', 'GitHub', 'GitHub personal access token (classic)');
 */
export function defineRule(
  id: string,
  provider: string,
  description: string,
  kind: RuleKind = 'provider',
): Rule {
  return { id, provider, description, kind };
}

/** Characters that continue a token: a match must not be preceded or followed by one. */
const TOKEN_CHAR = 'A-Za-z0-9_\\-';

export interface TokenSpec {
  id: string;
  provider: string;
  description: string;
  /** Literal starts of the token; the prefilter looks for them. */
  prefixes?: readonly string[];
  /** Literal substrings for the prefilter when the token has no fixed start. */
  keywords?: readonly string[];
  /** Regular expression source of the whole token (or of its context, with a `secret` group). */
  pattern: string;
  /** Characters that must not touch the match (regex class body); defaults to letters, digits, `_` and `-`. */
  boundary?: string;
  validate?: (secret: string, match: RegExpExecArray) => boolean;
  maxLength?: number;
  flags?: string;
  allowRepetition?: boolean;
}

/**
 * A pattern for a token with a recognisable format (usually a prefix). The match is bounded so
 * that it is not part of a longer token.
 *
 * @example
 * tokenPattern({ id: 'npm-access-token', provider: 'npm', description: 'npm access token',
 *   prefixes: ['npm_'], pattern: 'npm_[A-Za-z0-9]{36}', validate: (s) => hasBase62Crc32(s, 'npm_') });
 */
export function tokenPattern(spec: TokenSpec): Pattern {
  const boundary = spec.boundary ?? TOKEN_CHAR;
  const body = spec.pattern.includes('(?<secret>') ? spec.pattern : `(?<secret>${spec.pattern})`;
  // `=` ends base64 tokens but never starts one: `TOKEN=<token>` must still match.
  const before = boundary.replace('=', '');
  const source = boundary ? `(?<![${before}])${body}(?![${boundary}])` : body;
  const rule = defineRule(spec.id, spec.provider, spec.description);
  const validate = spec.validate;
  return {
    rules: [rule],
    prefixes: spec.prefixes,
    keywords: spec.keywords,
    regex: new RegExp(source, spec.flags ?? 'g'),
    pick: validate ? (secret, match) => (validate(secret, match) ? rule : undefined) : undefined,
    maxLength: spec.maxLength,
    allowRepetition: spec.allowRepetition,
  };
}

/**
 * Tokens that end with a 6-character base62 CRC-32 of their random part (GitHub, npm, Postern):
 * the checksum must match, so a made-up or mistyped token is not reported.
 *
 * @example
 * checksummedPattern('npm-access-token', 'npm', 'npm access token', 'npm_', 30);
 */
export function checksummedPattern(
  id: string,
  provider: string,
  description: string,
  prefix: string,
  randomLength: number,
): Pattern {
  return tokenPattern({
    id,
    provider,
    description,
    prefixes: [prefix],
    pattern: `${escapeRegExp(prefix)}[A-Za-z0-9]{${randomLength + 6}}`,
    validate: (secret) => hasBase62Crc32(secret, prefix),
  });
}

/**
 * Escapes a literal for use inside a regular expression.
 *
 * @example
 * escapeRegExp('dp.pt.'); // 'dp\\.pt\\.'
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Character class bodies used by several formats. */
export const HEX = 'a-f0-9';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
