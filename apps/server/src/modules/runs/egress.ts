/**
 * The SSRF guard of the server's runs, from the server's settings (config.ts `ssrf`): built once
 * at start, so a bad `POSTERN_SSRF_ALLOW` entry stops the server with a message naming it.
 */
import { createSsrfGuard, SsrfAllowListError } from '@postern/runtime';
import type { SsrfSettings } from '../../config.ts';

export type RunEgressGuard = ReturnType<typeof createSsrfGuard>;

/**
 * @example const guard = serverSsrfGuard({ allowLoopback: false, allow: ['10.0.0.0/8'] });
 */
export function serverSsrfGuard(settings: SsrfSettings): RunEgressGuard {
  try {
    return createSsrfGuard({ allowLoopback: settings.allowLoopback, allow: settings.allow });
  } catch (error) {
    if (error instanceof SsrfAllowListError) throw new Error(`POSTERN_SSRF_ALLOW: ${error.message}`);
    throw error;
  }
}
