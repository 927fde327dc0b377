/**
 * The CLI's error catalogue: every way `postern` can fail, as a stable code with its message and exit
 * code. Bad input (a missing file, broken JSON, an invalid option value) exits 2; a run that could
 * not finish, or an export that could not be written, exits 1. Messages say what went wrong and
 * where (`(<file>)` at the end), and are printed as `error: <message>` without a stack trace.
 */

/** Exit codes, as Newman uses them plus 2 for bad input. */
export const EXIT_CODE = { ok: 0, failures: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT_CODE)[keyof typeof EXIT_CODE];

interface ErrorSpec<Details> {
  exitCode: ExitCode;
  message(details: Details): string;
}

function spec<Details>(exitCode: ExitCode, message: (details: Details) => string): ErrorSpec<Details> {
  return { exitCode, message };
}

/** What was being loaded: `collection`, `environment`, `globals`, `iteration data`, … */
interface Source {
  what: string;
  location: string;
}

const CATALOGUE = {
  FILE_NOT_FOUND: spec<Source>(EXIT_CODE.badInput, (d) => `${d.what} file not found (${d.location})`),
  FILE_UNREADABLE: spec<Source & { reason: string }>(
    EXIT_CODE.badInput,
    (d) => `could not read the ${d.what} file: ${d.reason} (${d.location})`,
  ),
  URL_UNREACHABLE: spec<Source & { reason: string }>(
    EXIT_CODE.badInput,
    (d) => `could not fetch the ${d.what}: ${d.reason} (${d.location})`,
  ),
  URL_STATUS: spec<Source & { status: number }>(
    EXIT_CODE.badInput,
    (d) => `could not fetch the ${d.what}: the server answered HTTP ${d.status} (${d.location})`,
  ),
  INVALID_JSON: spec<Source & { problem: string; line: number; column: number }>(
    EXIT_CODE.badInput,
    (d) => `${d.what} is not valid JSON: ${d.problem} at line ${d.line}, column ${d.column} (${d.location})`,
  ),
  INVALID_DOCUMENT: spec<Source & { problem: string }>(
    EXIT_CODE.badInput,
    (d) => `invalid ${d.what}: ${d.problem} (${d.location})`,
  ),
  INVALID_DATA: spec<Source & { problem: string }>(
    EXIT_CODE.badInput,
    (d) => `${d.what} could not be parsed: ${d.problem} (${d.location})`,
  ),
  INVALID_OPTION: spec<{ option: string; value: string; expected: string }>(
    EXIT_CODE.badInput,
    (d) => `invalid value "${d.value}" for ${d.option}: ${d.expected}`,
  ),
  FOLDER_NOT_FOUND: spec<{ folder: string; location: string }>(
    EXIT_CODE.badInput,
    (d) =>
      `--folder "${d.folder}": no folder or request of that name or id in the collection (${d.location})`,
  ),
  USAGE: spec<{ problem: string }>(EXIT_CODE.badInput, (d) => d.problem),
  UNKNOWN_REPORTER: spec<{ name: string; available: readonly string[] }>(
    EXIT_CODE.badInput,
    (d) =>
      `unknown reporter "${d.name}" (available: ${d.available.join(', ')}; ` +
      `or install the npm package postern-reporter-${d.name})`,
  ),
  SCAN_PATH_NOT_FOUND: spec<{ path: string }>(
    EXIT_CODE.badInput,
    (d) => `path to scan not found (${d.path})`,
  ),
  BASELINE_INVALID: spec<{ location: string; problem: string }>(
    EXIT_CODE.badInput,
    (d) => `invalid baseline file: ${d.problem} (${d.location})`,
  ),
  BASELINE_WRITE_FAILED: spec<{ location: string; reason: string }>(
    EXIT_CODE.badInput,
    (d) => `could not write the baseline file: ${d.reason} (${d.location})`,
  ),
  RUN_FAILED: spec<{ reason: string }>(EXIT_CODE.failures, (d) => `the run stopped: ${d.reason}`),
  REPORTER_FAILED: spec<{ name: string; reason: string }>(
    EXIT_CODE.failures,
    (d) => `the ${d.name} reporter failed: ${d.reason}`,
  ),
  EXPORT_FAILED: spec<{ what: string; location: string; reason: string }>(
    EXIT_CODE.failures,
    (d) => `could not export the ${d.what}: ${d.reason} (${d.location})`,
  ),
} as const;

export type CliErrorCode = keyof typeof CATALOGUE;
export type CliErrorDetails<Code extends CliErrorCode> = Parameters<(typeof CATALOGUE)[Code]['message']>[0];

/**
 * An expected failure of the CLI, carrying its catalogue code and exit code.
 *
 * @example
 * throw new CliError('FILE_NOT_FOUND', { what: 'environment', location: 'env.json' });
 * // prints "error: environment file not found (env.json)" and exits 2
 */
export class CliError<Code extends CliErrorCode = CliErrorCode> extends Error {
  override readonly name = 'CliError';
  readonly code: Code;
  readonly exitCode: ExitCode;

  constructor(code: Code, details: CliErrorDetails<Code>) {
    const entry = CATALOGUE[code] as ErrorSpec<CliErrorDetails<Code>>;
    super(entry.message(details));
    this.code = code;
    this.exitCode = entry.exitCode;
  }
}

/**
 * Turns anything thrown into the line to print and the exit code. Unexpected errors keep their
 * message but never their stack (set POSTERN_DEBUG=1 to see it).
 *
 * @example
 * const { text, exitCode } = describeFailure(new CliError('USAGE', { problem: 'no collection given' }));
 * // text === 'error: no collection given', exitCode === 2
 */
export function describeFailure(error: unknown): { text: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { text: `error: ${error.message}`, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message : String(error);
  const stack = process.env.POSTERN_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return { text: `error: ${message}${stack}`, exitCode: EXIT_CODE.failures };
}
