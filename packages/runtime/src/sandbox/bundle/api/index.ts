/**
 * The Postman script API as it runs inside the isolate. The engine calls `createExecution` once
 * per script run, installs `globals` (`pm`, and unless the script starts with `'use sandbox2';` the
 * legacy `tests`, `postman`, `responseBody`…) on the script's global scope next to its own `console`,
 * timers and library globals, runs the code, calls
 * `syncDone()` when the synchronous part has returned (optional: `finish()` does it too), waits
 * while `pending()` > 0 (and while its own timers and bridge calls are outstanding), then copies
 * `finish()` out.
 *
 * @example
 * const execution = createExecution(input, bridge);
 * Object.assign(globalThis, execution.globals);
 * runScript(input.code);
 * execution.syncDone();
 * await idle(() => execution.pending() === 0);
 * return execution.finish();
 */
import { CookieList } from './cookies.ts';
import './sdk-names.ts';
import { createLegacyGlobals } from './legacy.ts';
import { createPm, type ExecutionState, normaliseNextRequest } from './pm.ts';
import { Request } from './request.ts';
import { ScriptResponse } from './response.ts';
import { AssertionLog } from './test-runner.ts';
import type { Bridge, ScriptInputData, ScriptOutputData } from './types.ts';
import { VariableScope } from './variable-scope.ts';

export { getChai } from './chai-postman.ts';
export type { Bridge, ScriptInputData, ScriptOutputData, ScriptResponseData } from './types.ts';

export interface Execution {
  /** What to define on the script's global scope for this run. */
  globals: Record<string, unknown>;
  /** Call once the script's synchronous part has returned: reports legacy `tests[...]`. */
  syncDone(): void;
  /** Async tests (`done` callback or returned promise) not yet completed. */
  pending(): number;
  /**
   * The execution's result as data. With `request: false` (the engine, after test scripts) the
   * request is the input's, not serialised from `pm.request`: the runner uses it after prerequest
   * scripts only.
   */
  finish(options?: { request?: boolean }): ScriptOutputData;
}

/**
 * Prepares one script execution. `reaches` tells which legacy globals the script can reach (see
 * scope.ts `scriptReach`): the others are not made.
 * @example createExecution(input, bridge).globals.pm
 */
export function createExecution(
  input: ScriptInputData,
  bridge: Bridge,
  reaches?: (name: string) => boolean,
): Execution {
  const dynamic = (name: string): string | undefined => bridge.dynamicVariable(name);
  const globals = new VariableScope(input.scopes.globals, dynamic, [], input.scopeInfo?.globals);
  const environment = new VariableScope(input.scopes.environment, dynamic, [], input.scopeInfo?.environment);
  const collectionVariables = new VariableScope(input.scopes.collectionVariables, dynamic);
  const iterationData = new VariableScope(undefined, dynamic);
  iterationData.syncVariablesFrom(input.scopes.data ?? {});
  const variables = new VariableScope(input.scopes.local, dynamic, [
    iterationData.values,
    environment.values,
    collectionVariables.values,
    globals.values,
  ]);

  const request = new Request(input.request);
  // `input.cookies` feed pm.cookies. pm.response.cookies stays empty, as in Newman: postman-runtime
  // hands scripts the response without its cookies. A test script after a request error still
  // gets a Response, an empty one (postman-sandbox builds one from an undefined context response).
  const response =
    input.listen !== 'test'
      ? undefined
      : new ScriptResponse(input.response ? { ...input.response, cookies: [] } : undefined, 'response');
  const cookies = new CookieList(input.cookies ?? []);
  const log = new AssertionLog((assertion) => bridge.assertion(assertion));
  const state: ExecutionState = { skipRequest: false };
  let snapshot: ScriptOutputData | undefined;

  const output = (withRequest = true): ScriptOutputData => {
    const out: ScriptOutputData = {
      scopes: {
        globals: globals.toDefinitions(),
        environment: environment.toDefinitions(),
        collectionVariables: collectionVariables.toDefinitions(),
        local: variables.toDefinitions(true),
        data: input.scopes.data ?? {},
      },
      request: withRequest ? request.toJSON() : input.request,
      assertions: log.assertions.slice(),
      skipRequest: state.skipRequest,
    };
    if (state.nextRequest !== undefined) out.nextRequest = state.nextRequest;
    return out;
  };

  const location = input.location ?? { path: [input.info.requestName], current: input.info.requestName };
  const pm = createPm({
    listen: input.listen,
    info: input.info,
    location: { path: location.path, current: location.current },
    bridge,
    log,
    scopes: { globals, environment, collectionVariables, variables, iterationData },
    request,
    response,
    cookies,
    state,
    onSkip() {
      // Postman ends the execution here: later changes and results are not part of it.
      state.skipRequest = true;
      snapshot = output();
      log.close();
    },
  });

  // Newman drops the legacy globals for scripts that start with the sandbox2 marker.
  const marker = typeof input.code === 'string' ? input.code.slice(0, 15) : '';
  const legacy =
    marker === '"use sandbox2";' || marker === "'use sandbox2';"
      ? undefined
      : createLegacyGlobals(
          {
            listen: input.listen,
            iteration: input.info.iteration,
            itemId: input.info.requestId,
            itemName: input.info.requestName,
            request,
            response,
            cookies,
            globals,
            environment,
            data: { ...(input.scopes.data ?? {}) },
            setNextRequest: (next) => {
              state.nextRequest = normaliseNextRequest(next);
            },
            warn: (message) => bridge.console('warn', [message]),
          },
          reaches,
        );

  let syncFinished = false;
  const syncDone = (): void => {
    if (syncFinished) return;
    syncFinished = true;
    if (!legacy) return;
    legacy.stopWarnings();
    log.recordLegacyTests(legacy.tests);
  };

  // Defined, not assigned (a setter a script put on Object.prototype must not see it), and not
  // spread with `pm` added: V8 11 makes that a new hidden class every time (~3 µs per script).
  const scriptGlobals: Record<string, unknown> = legacy ? legacy.globals : {};
  Object.defineProperty(scriptGlobals, 'pm', {
    value: pm,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return {
    globals: scriptGlobals,
    syncDone,
    pending: () => log.pending,
    finish(options?: { request?: boolean }): ScriptOutputData {
      syncDone();
      return snapshot ?? output(options?.request !== false);
    },
  };
}
