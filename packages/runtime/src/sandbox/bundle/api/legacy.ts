/**
 * The legacy sandbox globals (`tests`, `responseBody`, `postman.setEnvironmentVariable`…), shaped
 * as Newman 6.2 (postman-sandbox 4.7) builds them, including its one-time deprecation warning per
 * legacy name on first use while the script's synchronous part runs. The legacy *library* globals
 * (`_`, `CryptoJS`, `xml2Json`…) and `console` belong to the engine.
 */
import type { CookieList } from './cookies.ts';
import type { Request } from './request.ts';
import type { Response } from './response.ts';
import type { VariableScope } from './variable-scope.ts';

const ALTERNATIVES: Record<string, string> = {
  tests: 'pm.test()',
  globals: 'pm.globals',
  environment: 'pm.environment',
  data: 'pm.iterationData',
  request: 'pm.request',
  responseCookies: 'pm.cookies',
  responseHeaders: 'pm.response.headers',
  responseTime: 'pm.response.responseTime',
  responseCode: 'pm.response.code',
  responseBody: 'pm.response.text()',
  iteration: 'pm.info.iteration',
  'postman.setNextRequest': 'pm.execution.setNextRequest()',
};

/** What the legacy layer needs from the execution. */
export interface LegacyContext {
  listen: 'prerequest' | 'test';
  iteration: number;
  itemId?: string;
  itemName?: string;
  request: Request;
  response?: Response;
  cookies: CookieList;
  globals: VariableScope;
  environment: VariableScope;
  data: Record<string, unknown>;
  setNextRequest(next: unknown): void;
  warn(message: string): void;
}

/** The body of a request as the legacy `request.data` shows it. */
function legacyRequestData(request: Request): unknown {
  const body = request.body;
  if (!body || body.isEmpty()) return {};
  const collect = (params: ReadonlyArray<{ key: unknown; value: unknown; disabled?: boolean }>): unknown => {
    const out: Record<string, unknown> = {};
    for (const p of params) {
      if (p.disabled) continue;
      const key = String(p.key);
      const current = out[key];
      if (current) out[key] = Array.isArray(current) ? [...current, p.value] : [current, p.value];
      else out[key] = p.value;
    }
    return out;
  };
  if (body.mode === 'raw') return body.raw || {};
  if (body.mode === 'urlencoded') return collect(body.urlencoded?.members ?? []);
  if (body.mode === 'formdata') return collect(body.formdata?.members ?? []);
  if (body.mode === 'file') return body.file?.content || {};
  return {};
}

function descriptionText(description: unknown): string | undefined {
  if (!description) return undefined;
  if (typeof description === 'object' && 'content' in description) {
    return String((description as { content: unknown }).content ?? '');
  }
  return String(description);
}

/** The legacy `responseHeaders`: enabled headers by key (the last of a repeated key wins). */
function responseHeadersOf(response: Response | undefined): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  response?.headers.each((h: { key: string; value: string; disabled?: boolean }) => {
    if (h && !h.disabled) headers[h.key] = h.value;
  });
  return headers;
}

/** `value.toString()` for truthy values, as the legacy setters store them. */
function legacyValue(value: unknown): unknown {
  // postman-sandbox's test, `typeof (value && value.toString)`: `false` passes its first half but
  // not this one, so only truthy values are stringified
  if (value && typeof (value as { toString?: unknown }).toString === 'function') return String(value);
  return value;
}

/**
 * Builds the legacy globals and a function that reads back the `tests` object. Only the globals
 * `reaches` says the script can reach are made (the others stay undefined): most scripts use none,
 * and making them all (a copy of each scope, the request's URL and headers, the response text) is
 * a large part of an execution's cost.
 * @example const legacy = createLegacyGlobals(ctx, scriptReach(reachOf(code))); Object.assign(globals, legacy.globals)
 */
export function createLegacyGlobals(
  ctx: LegacyContext,
  reaches: (name: string) => boolean = () => true,
): {
  globals: Record<string, unknown>;
  tests: Record<string, unknown>;
  stopWarnings(): void;
} {
  let warningsEnabled = true;
  const warned = new Set<string>();
  const warn = (key: string): void => {
    if (!warningsEnabled || warned.has(key)) return;
    warned.add(key);
    ctx.warn(
      ALTERNATIVES[key]
        ? `Using "${key}" is deprecated. Use "${ALTERNATIVES[key]}" instead.`
        : `Using "${key}" is deprecated.`,
    );
  };

  const tests: Record<string, unknown> = {};
  // postman's setters keep these copies in step; a script that reaches neither copy nor `postman`
  // cannot see them
  const usesPostman = reaches('postman');
  const globalsCopy = usesPostman || reaches('globals') ? ctx.globals.syncVariablesTo() : {};
  const environmentCopy = usesPostman || reaches('environment') ? ctx.environment.syncVariablesTo() : {};
  const { request } = ctx;

  const postman: Record<string, unknown> | undefined = usesPostman ? makePostman() : undefined;
  function makePostman(): Record<string, unknown> {
    const postman: Record<string, unknown> = {
      setEnvironmentVariable(key: unknown, value: unknown) {
        const stored = legacyValue(value);
        environmentCopy[String(key)] = stored;
        ctx.environment.set(key, stored);
      },
      getEnvironmentVariable: (key: unknown) => ctx.environment.get(key),
      clearEnvironmentVariables() {
        for (const key of Object.keys(environmentCopy)) delete environmentCopy[key];
        ctx.environment.clear();
      },
      clearEnvironmentVariable(key: unknown) {
        if (key) delete environmentCopy[String(key)];
        ctx.environment.unset(key);
      },
      setGlobalVariable(key: unknown, value: unknown) {
        const stored = legacyValue(value);
        globalsCopy[String(key)] = stored;
        ctx.globals.set(key, stored);
      },
      getGlobalVariable: (key: unknown) => ctx.globals.get(key),
      clearGlobalVariables() {
        for (const key of Object.keys(globalsCopy)) delete globalsCopy[key];
        ctx.globals.clear();
      },
      clearGlobalVariable(key: unknown) {
        if (key) delete globalsCopy[String(key)];
        ctx.globals.unset(key);
      },
      setNextRequest: (next: unknown) => ctx.setNextRequest(next),
    };
    if (ctx.listen === 'test') {
      // defineProperty, not assignment: see defineData in pm.ts (V8 keeps assigned closures alive)
      const define = (key: string, value: unknown) =>
        Object.defineProperty(postman, key, { value, writable: true, enumerable: true, configurable: true });
      define('getResponseCookie', (name: unknown) => ctx.cookies.one(String(name)));
      define('getResponseHeader', (name: unknown) => {
        const header = ctx.response?.headers.one(name);
        return header ? header.value : undefined;
      });
    }
    return postman;
  }

  // every name is present (a stable shape for the script scope); unreachable ones stay undefined
  const raw: Record<string, unknown> = {
    tests,
    globals: reaches('globals') ? globalsCopy : undefined,
    environment: reaches('environment') ? environmentCopy : undefined,
    data: ctx.data,
    request: reaches('request')
      ? {
          id: ctx.itemId,
          name: ctx.itemName,
          description: descriptionText(request.description),
          headers: request.headers.toObject(true, false, true, true),
          method: request.method,
          url: request.url.toString(),
          data: legacyRequestData(request),
        }
      : undefined,
    iteration: ctx.iteration,
    postman,
  };
  if (ctx.listen === 'test') {
    const response = ctx.response;
    raw.responseCookies = ctx.cookies;
    raw.responseHeaders = reaches('responseHeaders') ? responseHeadersOf(response) : undefined;
    raw.responseTime = response ? response.responseTime : Number.NaN;
    raw.responseCode = !reaches('responseCode')
      ? undefined
      : response
        ? { ...response.details() }
        : { code: Number.NaN, name: '', details: '' };
    raw.responseBody = response && reaches('responseBody') ? response.text() : undefined;
  }

  const globals: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (!value || (typeof value !== 'object' && typeof value !== 'function') || !reaches(key)) {
      globals[key] = value;
      continue;
    }
    const isPostman = key === 'postman';
    const proto = Object.getPrototypeOf(value);
    const isClassInstance = typeof value === 'object' && proto !== Object.prototype && proto !== null;
    globals[key] = new Proxy(value as object, {
      set(target, prop, newValue) {
        warn(key);
        (target as Record<PropertyKey, unknown>)[prop] = newValue;
        return true;
      },
      get(target, prop) {
        warn(isPostman ? 'postman.setNextRequest' : key);
        const member = (target as Record<PropertyKey, unknown>)[prop];
        // class instances (the cookie list) keep private state: call their methods on the target
        return typeof member === 'function' && isClassInstance
          ? (member as (...a: unknown[]) => unknown).bind(target)
          : member;
      },
      apply(target, thisArg, args) {
        warn(key);
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
      },
    });
  }
  return {
    globals,
    tests,
    stopWarnings: () => {
      warningsEnabled = false;
    },
  };
}
