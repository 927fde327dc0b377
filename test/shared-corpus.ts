/**
 * Where the shared conformance corpus lives: `../shared/conformance` beside the repository (as
 * laid out for sessions and CI), or POSTERN_CONFORMANCE_DIR.
 */
import { resolve } from 'node:path';

export const SHARED_CONFORMANCE =
  process.env.POSTERN_CONFORMANCE_DIR ?? resolve(import.meta.dirname, '../../shared/conformance');
