/**
 * The vocabulary of secret findings: what a finding is attached to and the statuses it can have.
 * `open` blocks push protection; every other status counts as resolved.
 */
import { ELEMENT_TYPES, type ElementType } from '../../policies/roles.ts';

export const FINDING_STATUSES = [
  'open',
  'revoked',
  'false_positive',
  'used_in_tests',
  'accepted_risk',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The reasons a user may give to bypass push protection (they become the findings' status). */
export const BYPASS_REASONS = ['false_positive', 'used_in_tests', 'accepted_risk'] as const;
export type BypassReason = (typeof BYPASS_REASONS)[number];

/** The scanner's rule for Postern's own API keys (packages/secrets rules/infra.ts). */
export const POSTERN_KEY_RULE = 'postern-api-key';

/** A collection or environment whose content was scanned, and where it lives. */
export interface ScannedElement {
  type: ElementType;
  id: string;
  name: string;
  workspaceId: string;
  teamId: string | null;
}

/** A status and the comment that came with it, for findings written for the first time. */
export interface InitialStatus {
  status: FindingStatus;
  reason: string | null;
  resolvedBy: string | null;
}

/** Narrows a stored status (rows hold only valid ones; anything else reads as open). */
export function asFindingStatus(value: string): FindingStatus {
  return (FINDING_STATUSES as readonly string[]).includes(value) ? (value as FindingStatus) : 'open';
}

/** Narrows a stored element type; undefined for anything else. */
export function asElementType(value: string | undefined): ElementType | undefined {
  return (ELEMENT_TYPES as readonly string[]).includes(value ?? '') ? (value as ElementType) : undefined;
}
