/**
 * Test helper (not part of the bundle): runs script snippets against `createExecution` with a fake
 * bridge, the way the engine does inside the isolate.
 */
import type { Assertion } from '../../../events.ts';
import { createExecution } from './index.ts';
import type { Bridge, ScriptInputData, ScriptOutputData, ScriptResponseData } from './types.ts';

export interface FakeBridge extends Bridge {
  assertions: Assertion[];
  console: Bridge['console'] & { calls: Array<{ level: string; args: unknown[] }> };
  sent: unknown[];
  jarCalls: Array<{ op: string; url: string; args: unknown[] }>;
  outstanding: number;
}

export interface FakeBridgeOptions {
  respond?: (request: unknown) => { error?: unknown; response?: unknown; history?: unknown };
  jar?: (op: string, url: string, args: unknown[]) => { error?: unknown; result?: unknown };
  dynamic?: Record<string, string>;
}

/** A bridge that records calls and answers requests and jar operations on the next tick. */
export function fakeBridge(options: FakeBridgeOptions = {}): FakeBridge {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const consoleFn = Object.assign((level: string, args: unknown[]) => calls.push({ level, args }), { calls });
  const bridge: FakeBridge = {
    assertions: [],
    console: consoleFn,
    sent: [],
    jarCalls: [],
    outstanding: 0,
    assertion(a) {
      bridge.assertions.push(structuredClone(a));
    },
    dynamicVariable: (name) => options.dynamic?.[name],
    sendRequest(request, done) {
      bridge.sent.push(request);
      bridge.outstanding++;
      setTimeout(() => {
        bridge.outstanding--;
        const answer = options.respond?.(request) ?? { response: textResponse('ok') };
        done(answer.error ?? null, answer.response, answer.history as { cookies?: [] } | undefined);
      }, 1);
    },
    cookieJar(op, url, args, done) {
      bridge.jarCalls.push({ op, url, args });
      bridge.outstanding++;
      setTimeout(() => {
        bridge.outstanding--;
        const answer = options.jar?.(op, url, args) ?? {};
        done(answer.error ?? null, answer.result);
      }, 1);
    },
  };
  return bridge;
}

/** A response with a UTF-8 body. */
export function textResponse(
  body: string,
  init: { code?: number; status?: string; header?: Array<{ key: string; value: string }> } = {},
): ScriptResponseData {
  return {
    code: init.code ?? 200,
    status: init.status ?? 'OK',
    header: init.header ?? [{ key: 'Content-Type', value: 'text/plain' }],
    bodyBase64: Buffer.from(body, 'utf8').toString('base64'),
    responseTime: 12,
    responseSize: Buffer.byteLength(body),
  };
}

/** A complete script input with sensible defaults. */
export function makeInput(overrides: Partial<ScriptInputData> = {}): ScriptInputData {
  return {
    listen: 'test',
    code: '',
    scriptId: 'script-1',
    info: { iteration: 0, iterationCount: 1, requestName: 'Get thing', requestId: 'item-1' },
    scopes: { globals: [], environment: [], collectionVariables: [], local: [], data: {} },
    request: {
      url: {
        raw: 'https://api.example.com/things/1?x=1',
        protocol: 'https',
        host: ['api', 'example', 'com'],
        path: ['things', '1'],
        query: [{ key: 'x', value: '1' }],
      },
      method: 'GET',
      header: [{ key: 'Accept', value: 'application/json' }],
    },
    response: textResponse('{"a":1,"b":[1,2]}', {
      header: [{ key: 'Content-Type', value: 'application/json' }],
    }),
    cookies: [],
    ...overrides,
  };
}

/** Runs a snippet like the engine: globals as parameters, then waits for async work to settle. */
export async function runScript(
  code: string,
  input: ScriptInputData = makeInput(),
  bridge: FakeBridge = fakeBridge(),
): Promise<{ output: ScriptOutputData; bridge: FakeBridge; error?: unknown }> {
  const execution = createExecution({ ...input, code }, bridge);
  const names = Object.keys(execution.globals);
  let error: unknown;
  try {
    new Function(...names, code)(...names.map((n) => execution.globals[n]));
  } catch (err) {
    error = err;
  }
  execution.syncDone();
  const deadline = Date.now() + 2000;
  while ((execution.pending() > 0 || bridge.outstanding > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { output: execution.finish(), bridge, error };
}
