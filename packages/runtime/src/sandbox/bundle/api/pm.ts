/**
 * Builds the `pm` object of one execution. Its properties are read-only as in Postman; `pm.test`
 * and `pm.expect` come from the test runner and chai.
 */
import { getChai } from './chai-postman.ts';
import { CookieJar, CookieList } from './cookies.ts';
import { Request } from './request.ts';
import { Response } from './response.ts';
import type { AssertionLog } from './test-runner.ts';
import type { Bridge, ScriptCookie } from './types.ts';
import type { VariableScope } from './variable-scope.ts';

/** Mutable outcome of an execution that `pm` writes into. */
export interface ExecutionState {
  /** `undefined` when not called (or called with nothing, which Postman treats the same). */
  nextRequest?: string | null;
  skipRequest: boolean;
}

export interface PmContext {
  listen: 'prerequest' | 'test';
  info: { iteration: number; iterationCount: number; requestName: string; requestId: string };
  location: { path: string[]; current?: string };
  bridge: Bridge;
  log: AssertionLog;
  scopes: {
    globals: VariableScope;
    environment: VariableScope;
    collectionVariables: VariableScope;
    variables: VariableScope;
    iterationData: VariableScope;
  };
  request: Request;
  response?: Response;
  cookies: CookieList;
  state: ExecutionState;
  /** Called by `pm.execution.skipRequest()` (prerequest only). */
  onSkip(): void;
}

/** Defines read-only properties for the defined values, as Postman's `_assignDefinedReadonly`. */
function assignReadonly<T extends object>(target: T, values: Record<string, unknown>): T {
  // Object.keys and an index loop: Object.entries' pair arrays cost as much as the definitions
  // in code that runs once per script, mostly before V8 has optimised it
  const keys = Object.keys(values);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = values[key];
    if (value !== undefined) Object.defineProperty(target, key, { value, writable: false, enumerable: true });
  }
  return target;
}

/** Same as `target[key] = value` for a new key (writable, enumerable, configurable). */
function defineData(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `setNextRequest` keeps strings and null; other values become their string form. */
export function normaliseNextRequest(next: unknown): string | null | undefined {
  if (next === null || next === undefined) return next;
  return typeof next === 'string' ? next : String(next);
}

function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  const e = (error ?? {}) as { name?: unknown; message?: unknown };
  const out = new Error(typeof e.message === 'string' ? e.message : String(error));
  if (typeof e.name === 'string' && e.name) out.name = e.name;
  return out;
}

let sendRequestCounter = 0;

/**
 * Creates `pm` for an execution.
 * @example const pm = createPm(ctx); pm.environment.get('host')
 */
export function createPm(ctx: PmContext): Record<string, unknown> {
  const { bridge, log, state } = ctx;
  const pm: Record<string, unknown> = {};
  const chai = getChai();

  const cookies = ctx.cookies as CookieList & { jar?: () => CookieJar };
  Object.defineProperty(cookies, 'jar', {
    value: () => new CookieJar(bridge),
    enumerable: false,
    writable: true,
  });

  const sendRequest = (req: unknown, callback?: unknown): unknown => {
    const cb = typeof callback === 'function' ? (callback as (...a: unknown[]) => unknown) : undefined;
    if (!req) {
      const error = new Error('sendrequest: nothing to request');
      return cb ? cb.call(pm, error) : Promise.reject(error);
    }
    const request = req instanceof Request ? req : new Request(req);
    const run = (
      done: (err: Error | null, res: Response, history: { cookies: CookieList }) => void,
    ): void => {
      bridge.sendRequest(request.toJSON(), (error, response, history) => {
        const data =
          response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
        const res = new Response(data, `sendRequest-${++sendRequestCounter}`);
        const cookieList = new CookieList(
          history?.cookies ?? (data?.cookies as ScriptCookie[] | undefined) ?? [],
        );
        done(error ? toError(error) : null, res, { cookies: cookieList });
      });
    };
    if (cb) {
      run((err, res, history) => cb.call(pm, err, res, history));
      return pm;
    }
    return new Promise((resolve, reject) => run((err, res) => (err ? reject(err) : resolve(res))));
  };

  const skipRequest = (): void => {
    if (ctx.listen !== 'prerequest') throw new TypeError('pm.execution.skipRequest is not a function');
    ctx.onSkip();
  };

  const location = assignReadonly(ctx.location.path.slice(), { current: ctx.location.current });

  const visualizer = {
    set(template: unknown, data?: unknown, options?: unknown): void {
      if (typeof template !== 'string') {
        throw new Error(`Invalid template. Template must be of type string, found ${typeof template}`);
      }
      if (data && typeof data !== 'object')
        throw new Error(`Invalid data. Data must be an object, found ${typeof data}`);
      if (options && typeof options !== 'object') {
        throw new Error(`Invalid options. Options must be an object, found ${typeof options}`);
      }
    },
    clear(): void {},
  };

  assignReadonly(pm, {
    info: assignReadonly({}, { eventName: ctx.listen, ...ctx.info }),
    globals: ctx.scopes.globals,
    environment: ctx.scopes.environment,
    collectionVariables: ctx.scopes.collectionVariables,
    variables: ctx.scopes.variables,
    iterationData: ctx.scopes.iterationData,
    request: ctx.request,
    response: ctx.response,
    cookies,
    visualizer,
    sendRequest,
    execution: {
      skipRequest,
      location,
      setNextRequest(next: unknown) {
        state.nextRequest = normaliseNextRequest(next);
      },
    },
  });

  const test = (name: unknown, fn: unknown): Record<string, unknown> => {
    log.test(name, fn);
    return pm;
  };
  // defineProperty, not `test.skip = …`: V8 (Node 20) keeps a closure stored by assignment as a new
  // property alive until the next full GC, and with it this whole execution (slow scavenges).
  defineData(test, 'skip', (name: unknown): Record<string, unknown> => {
    log.skip(name);
    return pm;
  });
  defineData(test, 'index', (): number => log.nextIndex);
  pm.test = test;
  pm.expect = chai.expect;
  return pm;
}
