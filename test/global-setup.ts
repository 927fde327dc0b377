import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Rebuild the CLI and sandbox bundles so tests exercise the current sources. */
export default function setup(): void {
  try {
    execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
  } catch {
    // Tests that need the bundles fail on their own with a clearer message; unit tests still run.
    console.warn('warning: scripts/build.mjs failed; CLI and sandbox tests will fail');
  }
}
