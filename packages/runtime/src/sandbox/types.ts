/**
 * The contract between the runner loop and the script sandbox.
 *
 * A `Sandbox` is one isolated-vm isolate with the libraries loaded once. A `ScriptSession` is one
 * context in it: the scripts of one run (or of one `--parallel` lane) share its global scope, as in
 * Newman. `execute` copies the input in, runs the script to completion (including timers, async
 * tests and `pm.sendRequest` callbacks) and copies the result out: data only, no live references.
 */
import type { RequestDefinition, VariableDefinition } from '@postern/collection';
import type { Assertion, ConsoleLevel, RunError } from '../events.ts';

/** Variable scopes as the script sees them; the result carries them back after mutation. */
export interface ScriptScopes {
  globals: VariableDefinition[];
  environment: VariableDefinition[];
  collectionVariables: VariableDefinition[];
  /** `pm.variables.set` values (the local scope, reset for every item execution by the runner). */
  local: VariableDefinition[];
  /** The current iteration's data row (read-only to scripts). */
  data: Record<string, unknown>;
}

/** A response as scripts see it (`pm.response`, legacy `responseBody`, `pm.sendRequest` results). */
export interface ScriptResponse {
  code: number;
  status: string;
  header: Array<{ key: string; value: string }>;
  /** The decoded body as bytes. */
  body: Buffer;
  responseTime: number;
  responseSize: number;
}

/** A cookie as Newman hands it to its sandbox (postman-collection `Cookie` fields). */
export interface ScriptCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  /** ISO date; null for a session cookie. */
  expires?: string | null;
  /** Seconds; 0 when the cookie has no Max-Age. */
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  hostOnly?: boolean;
  /** Unknown attributes as received (`'Priority=High'`). */
  extensions?: string[];
}

export interface ScriptInput {
  listen: 'prerequest' | 'test';
  /** The script source (the event's `exec` lines joined with '\n'). */
  code: string;
  scriptId: string;
  info: { iteration: number; iterationCount: number; requestName: string; requestId: string };
  scopes: ScriptScopes;
  /** `pm.request`: the item's request; variables NOT yet resolved in prerequest (as in Postman). */
  request: RequestDefinition;
  /** Present for test scripts. */
  response?: ScriptResponse;
  /** `pm.cookies`: cookies of the response (test) or of the jar for the request URL. */
  cookies: ScriptCookie[];
  /**
   * `pm.execution.location`: names from the collection down to the item, and `current`, the name
   * of the collection, folder or item whose script this is.
   */
  location?: { path: string[]; current: string };
}

export interface ScriptOutput {
  scopes: ScriptScopes;
  /** `pm.request` after the script's changes (prerequest scripts may mutate it). */
  request: RequestDefinition;
  assertions: Assertion[];
  /** `undefined`: not called. `null`: stop the iteration. A string: item name or id. */
  nextRequest?: string | null;
  /** `pm.execution.skipRequest()` was called (prerequest only). */
  skipRequest: boolean;
  /** An uncaught error (syntax error, throw, timeout, memory limit). */
  error?: RunError;
}

/** What the sandbox asks of the host while a script runs. */
export interface ScriptHost {
  /** `pm.sendRequest`: the request as a v2.1 request object or a URL string. */
  sendRequest(
    request: RequestDefinition | string,
  ): Promise<{ response?: ScriptResponse; error?: RunError; cookies?: ScriptCookie[] }>;
  console(level: ConsoleLevel, messages: unknown[]): void;
  /** Called as each assertion completes (also returned in `ScriptOutput.assertions`). */
  assertion?(assertion: Assertion): void;
  /** `pm.cookies.jar()` operations; each resolves with a result or rejects with a message. */
  cookieJar(op: 'get' | 'getAll' | 'set' | 'unset' | 'clear', url: string, args: unknown[]): Promise<unknown>;
  /** Values for `{{$dynamic}}` variables in `replaceIn` (faker lives outside the isolate). */
  dynamicVariable(name: string): string | undefined;
}

export interface SandboxOptions {
  /** Isolate memory limit in MB (default 128). */
  memoryLimitMb?: number;
  /** CPU limit per synchronous script run in ms (default 5000; `--timeout-script`). */
  timeoutMs?: number;
}

export interface ScriptSession {
  execute(input: ScriptInput, host: ScriptHost): Promise<ScriptOutput>;
  dispose(): void;
}

export interface Sandbox {
  createSession(): Promise<ScriptSession>;
  dispose(): void;
}

/** A sandbox and its first session, started ahead of a run (see `startSandbox`). */
export interface StartedSandbox {
  sandbox: Promise<Sandbox>;
  session: Promise<ScriptSession>;
  /**
   * Disposes of the sandbox, stopping a boot still in progress, and resolves once its isolate's
   * thread has let go of it: a process must not exit while that thread runs (it would crash).
   * Safe to call more than once, and after a run took the sandbox over and disposed of it.
   */
  close(): Promise<void>;
}
