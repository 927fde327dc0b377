/** What `run()` takes: Newman's run options, as data (files already read by the caller). */
import type { Collection, VariableList } from '@postern/collection';
import type { SendOptions } from '../http/types.ts';
import type { StartedSandbox } from '../sandbox/types.ts';

export interface RunOptions {
  collection: Collection;
  environment?: VariableList;
  globals?: VariableList;
  /** Iteration data rows (from a JSON or CSV data file). */
  iterationData?: Array<Record<string, unknown>>;
  /** `-n`: iterations; default: the number of data rows, else 1. */
  iterationCount?: number;
  /** `--folder` (repeatable): run only these folders or requests (by name or id). */
  folder?: string[];
  /** `--env-var` / `--global-var` overrides, applied over the files. */
  envVar?: Array<{ key: string; value: string }>;
  globalVar?: Array<{ key: string; value: string }>;
  /** `--delay-request` ms between requests. */
  delayRequest?: number;
  /** `--timeout`: whole-run timeout in ms. */
  timeout?: number;
  /** `--timeout-request` ms. */
  timeoutRequest?: number;
  /** `--timeout-script` ms (default 5000 in Postern; Newman's default is infinite). */
  timeoutScript?: number;
  /** `-k`. */
  insecure?: boolean;
  /**
   * `--ignore-redirects`: 3xx responses are not followed, for items and `pm.sendRequest` alike,
   * unless a `protocolProfileBehavior.followRedirects` says otherwise (as in postman-runtime).
   */
  ignoreRedirects?: boolean;
  sslClientCert?: Buffer;
  sslClientKey?: Buffer;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: Buffer;
  /** `--bail`: true, or a list of modifiers (`folder`, `failure`). */
  bail?: boolean | string[];
  /** `--parallel <n>`: iterations run concurrently; events still reported per iteration. */
  parallel?: number;
  /** Base for relative file paths in form-data and file bodies. */
  workingDir?: string;
  /** `--no-insecure-file-read` sets false: body files only from inside `workingDir` (default true). */
  insecureFileRead?: boolean;
  /** Sent as User-Agent unless the request sets one. */
  userAgent?: string;
  /** Abort the run. */
  signal?: AbortSignal;
  /**
   * An extra egress guard run before every hop (items, redirects, `pm.sendRequest`) after the
   * allowed-domains check: the server's SSRF guard (`createSsrfGuard`). What it returns pins the
   * connection. The CLI sets none.
   */
  egressGuard?: SendOptions['checkEgress'];
  /**
   * A sandbox started ahead (`startSandbox`, with `timeoutMs: timeoutScript`), so that it boots
   * while the caller reads its files: the run takes it over (its session serves the first lane)
   * and disposes of it.
   */
  sandbox?: StartedSandbox;
}
