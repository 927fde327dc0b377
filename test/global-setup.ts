import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Rebuild the CLI bundle and sandbox bundle so tests exercise the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
}
