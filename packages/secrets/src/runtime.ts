/**
 * The part of @postern/secrets a run needs (redaction, allowed domains) without the scanner's
 * rules, so `postern run` does not load them at startup.
 */
export {
  checkEgress,
  describeEgressViolation,
  destinationHost,
  type EgressDecision,
  type EgressRequest,
  type EgressSecret,
  type EgressViolation,
  secretsBarredFrom,
} from './egress/check-egress.ts';
export {
  type HostPattern,
  HostPatternError,
  hostAllowed,
  hostMatches,
  normaliseHost,
  parseHostPattern,
} from './egress/host-pattern.ts';
export { createRedactor, type NamedSecret } from './redact.ts';
