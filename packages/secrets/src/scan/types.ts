/**
 * The scanner's vocabulary: rules (what a kind of secret is called), patterns (how it is found in
 * text) and findings (where one was found). Findings carry the secret in clear for the caller's
 * own use (revocation, baselines); formatters never serialise it.
 */

/** How a rule recognises a secret: by its own format, by a generic format, or by where it sits. */
export type RuleKind = 'provider' | 'format' | 'context';

/** A kind of secret, as reported (`ruleId`) and described in SARIF. */
export interface Rule {
  /** Stable kebab-case id, e.g. `github-pat`. */
  id: string;
  /** Who issues it, e.g. `GitHub`; `Generic` for context rules. */
  provider: string;
  description: string;
  kind: RuleKind;
}

/** One regular expression that finds secrets of one or more rules. */
export interface Pattern {
  /** The rules this pattern reports; `pick` chooses among them (the first one by default). */
  rules: readonly Rule[];
  /** Literal starts of the token (case-sensitive): the prefilter looks for them at token starts. */
  prefixes?: readonly string[];
  /** Literal substrings found anywhere in the token or its surroundings (case-sensitive). */
  keywords?: readonly string[];
  /** Global regular expression; a named group `secret` marks the secret inside the match. */
  regex: RegExp;
  /** Validates a match (checksums, decoding) and picks its rule; undefined rejects it. */
  pick?: (secret: string, match: RegExpExecArray) => Rule | undefined;
  /** The secret may span lines (PEM blocks): text files are searched past the end of the line. */
  multiline?: boolean;
  /** Upper bound of a match's length, used to size search windows in long strings. */
  maxLength?: number;
  /** Skips the placeholder check (formats whose own structure looks repetitive). */
  allowRepetition?: boolean;
}

/** A secret found in a document. */
export interface Finding {
  ruleId: string;
  provider: string;
  /** The file, as given to the scanner. */
  file?: string;
  /** 1-based line and column (UTF-16 code units) of the first character of the secret. */
  line: number;
  column: number;
  /** Where in a JSON document, e.g. `item[2].request.auth.bearer[0].value`. */
  jsonPath?: string;
  /** The secret in clear. Never printed: formatters use `redacted` and `fingerprint`. */
  secret: string;
  /** At most the first four characters, then `…`. */
  redacted: string;
  /** Stable hash of the rule and the secret, for baselines. */
  fingerprint: string;
}

/** Options of `scanDocument`. */
export interface ScanOptions {
  /** Reported in each finding's `file`. */
  file?: string;
}
