/** The contract between the CLI and the reporters. */
import type { Collection, VariableList } from '@postern/collection';
import type { RunListener } from '@postern/runtime';

export interface ReporterContext {
  /** The collection as run (the json reporter embeds it, as Newman does). */
  collection: Collection;
  environment?: VariableList;
  globals?: VariableList;
  /** Replaces every secret value in a string by `[secret:<name>]`. Apply to everything written. */
  redact(text: string): string;
  /** True when the run has no secret: `redact` returns its input, and writers may skip it. */
  redactsNothing?: boolean;
  /** Where console reporters write (process.stdout in the CLI, a buffer in tests). */
  stdout: NodeJS.WritableStream;
  /** `--color on|off|auto` resolved to a boolean. */
  color: boolean;
  silent: boolean;
  verbose: boolean;
  /** `--working-dir`/cwd: base for relative export paths. */
  cwd: string;
  /** `--disable-unicode`: plain-text symbols in console output (`Pass`, `Fail`, `Folder`…). */
  disableUnicode?: boolean;
  /** Clock for export file names and timestamps; tests pin it. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/** `--reporter-<name>-<option> value` options of one reporter, e.g. `{ export: 'out.json' }`. */
export type ReporterOptions = Record<string, string | boolean>;

/** A reporter is a run listener; `close` is awaited after `done` (flush files). */
export interface Reporter extends RunListener {
  close?(): Promise<void>;
}

export type ReporterFactory = (options: ReporterOptions, ctx: ReporterContext) => Reporter;
