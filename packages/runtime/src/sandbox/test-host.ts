/**
 * Test support for the sandbox's own tests: a recording fake `ScriptHost` and an input builder.
 * Not used by the runner.
 */
import type { Assertion, ConsoleLevel } from '../events.ts';
import type { ScriptCookie, ScriptHost, ScriptInput, ScriptResponse } from './types.ts';

export interface RecordingHost extends ScriptHost {
  logs: Array<{ level: ConsoleLevel; messages: unknown[] }>;
  assertions: Assertion[];
  requests: unknown[];
  jarCalls: Array<{ op: string; url: string; args: unknown[] }>;
}

/** A response as a test server would give it. */
export function textResponse(body: string, code = 200): ScriptResponse {
  const bytes = Buffer.from(body);
  return {
    code,
    status: code === 200 ? 'OK' : 'Error',
    header: [{ key: 'Content-Type', value: 'application/json' }],
    body: bytes,
    responseTime: 5,
    responseSize: bytes.length,
  };
}

/**
 * A host that records what the script did; `sendRequest` answers after `delayMs` with `respond`.
 * @example const host = recordingHost(); await session.execute(scriptInput('console.log(1)'), host);
 */
export function recordingHost(
  options: {
    respond?: (request: unknown) => { response?: ScriptResponse; error?: { name: string; message: string } };
    delayMs?: number;
    cookies?: ScriptCookie[];
  } = {},
): RecordingHost {
  const host: RecordingHost = {
    logs: [],
    assertions: [],
    requests: [],
    jarCalls: [],
    console(level, messages) {
      host.logs.push({ level, messages });
    },
    assertion(assertion) {
      host.assertions.push(assertion);
    },
    async sendRequest(request) {
      host.requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
      const answer = options.respond?.(request) ?? { response: textResponse('{"ok":true}') };
      return { ...answer, cookies: options.cookies };
    },
    async cookieJar(op, url, args) {
      host.jarCalls.push({ op, url, args });
      if (op === 'get') return args[0] === 'session' ? 'abc' : null;
      if (op === 'unset') throw new Error('unset refused');
      return null;
    },
    dynamicVariable(name) {
      return name === '$guid' ? '00000000-0000-4000-8000-000000000000' : undefined;
    },
  };
  return host;
}

/** A minimal script input. */
export function scriptInput(code: string, overrides: Partial<ScriptInput> = {}): ScriptInput {
  return {
    listen: 'prerequest',
    code,
    scriptId: 'script-1',
    info: { iteration: 0, iterationCount: 1, requestName: 'Request', requestId: 'req-1' },
    scopes: { globals: [], environment: [], collectionVariables: [], local: [], data: {} },
    request: {
      url: { raw: 'http://127.0.0.1/x', protocol: 'http', host: ['127', '0', '0', '1'], path: ['x'] },
      method: 'GET',
      header: [],
    },
    cookies: [],
    ...overrides,
  };
}

/** The messages of every console call, flattened to strings. */
export function logText(host: RecordingHost): string[] {
  const text = (m: unknown): string => {
    if (typeof m === 'string') return m;
    try {
      return JSON.stringify(m) ?? String(m);
    } catch {
      return '[unserialisable]';
    }
  };
  return host.logs.map((l) => l.messages.map(text).join(' '));
}
