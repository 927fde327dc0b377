import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The executable under test; POSTERN_TEST_ENTRY may point at another build of the bundle. */
export const BIN = process.env.POSTERN_TEST_ENTRY ?? join(import.meta.dirname, '../bin/postern.js');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `postern` binary without blocking the event loop (tests serve HTTP from this
 * process while the CLI runs).
 */
export function postern(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--no-node-snapshot', BIN, ...args],
      {
        cwd: options.cwd ?? FIXTURES,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
