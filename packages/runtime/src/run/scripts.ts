/**
 * Runs the chain of prerequest or test scripts of one item execution in the sandbox, applying each
 * script's variable changes before the next one runs (as postman-runtime does).
 */
import type { EventDefinition, RequestDefinition } from '@postern/collection';
import type { Assertion, Cursor, ItemInfo, ScriptExecution } from '../events.ts';
import { extend } from '../extend.ts';
import type { ScriptCookie, ScriptHost, ScriptResponse, ScriptSession } from '../sandbox/types.ts';
import type { IterationSink } from './emitter.ts';
import type { ScriptLocations } from './items.ts';
import { applyScriptScopes, type RunScopes, scopesToScript } from './scopes.ts';

export interface ScriptChainInput {
  listen: 'prerequest' | 'test';
  events: EventDefinition[];
  /** Opened on first use: an empty chain (Newman still reports it) needs no sandbox. */
  session: () => Promise<ScriptSession>;
  sink: IterationSink;
  cursor: Cursor;
  item: ItemInfo;
  scopes: RunScopes;
  data: Record<string, unknown>;
  info: { iteration: number; iterationCount: number };
  request: RequestDefinition;
  response?: ScriptResponse;
  cookies: () => Promise<ScriptCookie[]>;
  host: () => Omit<ScriptHost, 'assertion'>;
  /** `pm.execution.location` of the item, and the owner of each of its scripts. */
  location?: ScriptLocations;
  /**
   * `--bail`: a script whose assertions failed becomes a script error (`AssertionFailure`, the
   * failed names joined by ", ") and, like any script error, ends the chain (postman-runtime's
   * stopOnFailure).
   */
  bail?: boolean;
}

export interface ScriptChainResult {
  request: RequestDefinition;
  executions: ScriptExecution[];
  /** `undefined`: no script called setNextRequest; else the last call's value. */
  nextRequest?: string | null;
  skipRequest: boolean;
  failed: boolean;
  /** Under `--bail`, a script failed: the item goes no further and the run stops. */
  stopped?: boolean;
}

export async function runScriptChain(input: ScriptChainInput): Promise<ScriptChainResult> {
  const { listen, sink, cursor, item } = input;
  const chainStat = listen === 'prerequest' ? 'prerequests' : 'tests';
  const scriptStat = listen === 'prerequest' ? 'prerequestScripts' : 'testScripts';
  const result: ScriptChainResult = {
    request: input.request,
    executions: [],
    skipRequest: false,
    failed: false,
  };

  sink.emit(listen === 'prerequest' ? 'beforePrerequest' : 'beforeTest', { cursor, item });
  sink.begin(chainStat);
  for (const event of input.events) {
    const scriptId = event.script.id ?? event.id ?? `${item.id}:${listen}`;
    const scriptCursor = extend(cursor, { scriptId });
    sink.begin('scripts');
    sink.begin(scriptStat);
    const before = scopesToScript(input.scopes, input.data);
    const failedAssertions: string[] = [];
    const onAssertion = (assertion: Assertion): void => {
      if (!assertion.passed && !assertion.skipped) failedAssertions.push(assertion.name);
      sink.begin('assertions');
      sink.emit('assertion', { cursor: scriptCursor, item, assertion });
      sink.end('assertions', !assertion.passed && !assertion.skipped);
      if (assertion.error && !assertion.skipped) {
        result.failed = true;
        sink.fail({
          error: { ...assertion.error, test: assertion.name, index: assertion.index },
          at: `assertion:${assertion.index} in test-script`,
          source: item,
          cursor: scriptCursor,
        });
      }
    };
    const session = await input.session();
    const out = await session.execute(
      {
        listen,
        code: event.script.exec.join('\n'),
        scriptId,
        info: extend(input.info, { requestName: item.name, requestId: item.id }),
        scopes: before,
        request: result.request,
        response: input.response,
        cookies: await input.cookies(),
        ...(input.location
          ? {
              location: { path: input.location.path, current: input.location.owners.get(event) ?? item.name },
            }
          : {}),
      },
      extend(input.host(), { assertion: onAssertion }),
    );
    applyScriptScopes(input.scopes, before, out.scopes);
    if (listen === 'prerequest') result.request = out.request;
    if (out.nextRequest !== undefined) result.nextRequest = out.nextRequest;
    const error =
      out.error ??
      (input.bail && failedAssertions.length > 0
        ? { name: 'AssertionFailure', message: failedAssertions.join(', ') }
        : undefined);
    const execution: ScriptExecution = { id: scriptId, ...(error ? { error } : {}) };
    result.executions.push(execution);
    sink.end('scripts', !!error);
    sink.end(scriptStat, !!error);
    if (error) {
      result.failed = true;
      sink.emit('exception', { cursor: scriptCursor, item, error });
      sink.fail({ error, at: `${listen}-script`, source: item, cursor: scriptCursor });
      if (input.bail) {
        result.stopped = true;
        break;
      }
    }
    if (out.skipRequest) {
      result.skipRequest = true;
      break;
    }
  }
  sink.emit(listen, { cursor, item, executions: result.executions });
  sink.end(chainStat);
  return result;
}
