/**
 * Push protection's decision: a change that would expose open (or never recorded) findings is
 * refused with 409 `secretsDetected` unless the request carries a bypass, which is then applied.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { applyBypass } from './bypass.ts';
import type { ExposureChange } from './change.ts';
import { SecretsDetectedError } from './errors.ts';
import { blockingExposures, type Exposure } from './exposure.ts';
import type { ExposureGuard } from './guard.ts';

/**
 * Lets `change` through, applies the guard's bypass to what blocks it, or throws SecretsDetectedError.
 * Without a guard (a caller outside `withPushProtection`) nothing can be bypassed.
 *
 * @example await enforcePushProtection(trx, currentGuard(), change, await workspaceExposures(trx, ws.id));
 */
export async function enforcePushProtection(
  trx: Transaction<Database>,
  guard: ExposureGuard | undefined,
  change: ExposureChange,
  exposures: readonly Exposure[],
): Promise<void> {
  const blocking = blockingExposures(exposures);
  if (blocking.length === 0) return;
  const bypass = guard?.bypass;
  if (!guard || !bypass) throw new SecretsDetectedError(change, blocking);
  await applyBypass(trx, { ...guard, bypass }, change, blocking);
}
