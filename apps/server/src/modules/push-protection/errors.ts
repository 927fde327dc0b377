/** The 409 `secretsDetected` of a change push protection refused. */
import type { AuditEvent } from '../../audit/record.ts';
import { AppError } from '../../errors/app-error.ts';
import { type ExposureChange, exposureAudit } from './change.ts';
import { type Exposure, presentExposure } from './exposure.ts';

/** How many findings the error lists (with the total). */
const DETAIL_FINDINGS = 500;

/**
 * Thrown inside the change's transaction; the `push_protection.block` row it carries is written
 * after the rollback, in its own transaction (guard.ts), so the refusal stays on the trail.
 */
export class SecretsDetectedError extends AppError {
  readonly audit: AuditEvent;

  constructor(change: ExposureChange, blocking: readonly Exposure[]) {
    super(
      'secretsDetected',
      `Push protection: ${blocking.length} secret(s) found in what this change would expose. Remove ` +
        'them, resolve the findings (PATCH /api/secret-findings/:id), or repeat the request with ' +
        '{"bypass": {"reason": "false_positive" | "used_in_tests" | "accepted_risk"}}',
      { findings: blocking.slice(0, DETAIL_FINDINGS).map(presentExposure), total: blocking.length },
    );
    this.audit = exposureAudit('push_protection.block', change, blocking);
  }
}
