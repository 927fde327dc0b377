/**
 * One execution of one item: prerequest scripts → resolve and send the request → test scripts,
 * with the events Newman emits for it.
 */
import type { Cursor } from '../events.ts';
import { extend } from '../extend.ts';
import type { ScriptCookie, ScriptHost, ScriptSession } from '../sandbox/types.ts';
import type { IterationSink } from './emitter.ts';
import type { RunnableItem } from './items.ts';
import {
  type ExchangeContext,
  exchange,
  resolveAuthDefinition,
  resolveRequest,
  signingAuth,
  toScriptResponse,
  wireObserver,
} from './request.ts';
import { lookupFor, type RunScopes } from './scopes.ts';
import { runScriptChain } from './scripts.ts';

export interface ItemRunContext {
  scopes: RunScopes;
  exchange: ExchangeContext;
  iterationCount: number;
  /** The lane's script session, created on first use (collections without scripts never pay for it). */
  session: () => Promise<ScriptSession>;
  /** Script host services bound to this lane (sendRequest, cookies, console, dynamic variables). */
  host: (sink: IterationSink, cursor: Cursor, runnable: RunnableItem) => Omit<ScriptHost, 'assertion'>;
  cookiesFor: (url: string) => Promise<ScriptCookie[]>;
  /**
   * `--bail` (postman-runtime's stopOnFailure): a failed prerequest script skips the request, a
   * failed request skips the test scripts, and a failed assertion is a script error.
   */
  bail?: boolean;
}

export interface ItemOutcome {
  nextRequest?: string | null;
  failed: boolean;
}

export async function executeItem(
  ctx: ItemRunContext,
  sink: IterationSink,
  runnable: RunnableItem,
  cursor: Cursor,
  data: Record<string, unknown>,
): Promise<ItemOutcome> {
  const item = runnable.info;
  const info = { iteration: cursor.iteration, iterationCount: ctx.iterationCount };
  let failed = false;
  let nextRequest: string | null | undefined;

  sink.emit('beforeItem', { cursor, item });
  sink.begin('items');

  let request = runnable.item.request;
  let scriptHost: Omit<ScriptHost, 'assertion'> | undefined;
  const host = () => (scriptHost ??= ctx.host(sink, cursor, runnable));
  const chainBase = {
    sink,
    cursor,
    item,
    scopes: ctx.scopes,
    data,
    info,
    bail: ctx.bail === true,
    location: runnable.location,
  };

  // Newman reports the prerequest and test chains (and counts them) even when they are empty.
  {
    const pre = await runScriptChain(
      extend(chainBase, {
        listen: 'prerequest' as const,
        events: runnable.prerequest,
        session: ctx.session,
        request,
        cookies: () => ctx.cookiesFor(request.url.raw),
        host,
      }),
    );
    request = pre.request;
    failed ||= pre.failed;
    if (pre.nextRequest !== undefined) nextRequest = pre.nextRequest;
    if (pre.stopped || pre.skipRequest) {
      sink.emit('item', pre.stopped ? { cursor, item } : { cursor, item, skipped: true });
      sink.end('items');
      return { nextRequest, failed };
    }
  }

  const lookup = lookupFor(ctx.scopes, data);
  const resolved = resolveRequest(request, lookup);
  // the effective auth, resolved once: it signs the request and is the test scripts' pm.request.auth
  const authDefinition = resolveAuthDefinition(request.auth?.type ? request.auth : runnable.auth, lookup);
  const auth = signingAuth(authDefinition);
  const ex = await exchange(
    resolved,
    auth,
    runnable.profile,
    ctx.exchange,
    wireObserver(sink, cursor, item, false, ctx.exchange.send.signal),
  );
  const response = ex.result?.response;
  if (ex.error) failed = true;
  // A stopped run (whole-run timeout, Ctrl-C) ends here, as Newman's does: no test scripts.
  const stopped = ctx.exchange.send.signal?.aborted === true;

  if (!stopped && !(ctx.bail && ex.error)) {
    const test = await runScriptChain(
      extend(chainBase, {
        listen: 'test' as const,
        events: runnable.test,
        session: ctx.session,
        request: extend(ex.resolved, { auth: authDefinition }),
        response: response ? toScriptResponse(response) : undefined,
        cookies: () => ctx.cookiesFor(ex.sent.url),
        host,
      }),
    );
    failed ||= test.failed;
    if (test.nextRequest !== undefined) nextRequest = test.nextRequest;
  }

  sink.emit('item', { cursor, item });
  sink.end('items');
  return { nextRequest, failed };
}
