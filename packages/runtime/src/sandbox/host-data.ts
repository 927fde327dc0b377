/**
 * Data crossing into and out of the isolate, host side. Inputs become the bundle's plain
 * `ScriptInputData`; everything coming out is untrusted (a script can tamper with the in-isolate
 * code that produced it), so it is checked field by field and falls back to the input's values.
 */
import type { RequestDefinition, VariableDefinition } from '@postern/collection';
import type { Assertion, ConsoleLevel, RunError } from '../events.ts';
import { decodedBodyText } from './response-text.ts';
import type { ScriptCookie, ScriptInput, ScriptOutput, ScriptResponse, ScriptScopes } from './types.ts';

export const CONSOLE_LEVELS: ReadonlySet<string> = new Set<ConsoleLevel>([
  'log',
  'info',
  'warn',
  'error',
  'debug',
]);
export const COOKIE_JAR_OPS: ReadonlySet<string> = new Set(['get', 'getAll', 'set', 'unset', 'clear']);

type Data = Record<string, unknown>;

export function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A response as the bundle receives it: the body as base64, plus its text when the host can decode
 * it exactly as the API would (see response-text.ts), which saves the isolate decoding it in JS.
 */
export function toResponseData(response: ScriptResponse): Data {
  // Plain stores rather than `{ ...rest, bodyBase64 }`: V8 (Node 20) keeps objects made by a spread
  // and then extended alive until the next full GC, which makes every scavenge slow.
  const data: Data = {};
  for (const key of Object.keys(response)) {
    if (key !== 'body') data[key] = (response as unknown as Data)[key];
  }
  const { body } = response;
  if (!Buffer.isBuffer(body)) {
    data.bodyBase64 = '';
    return data;
  }
  data.bodyBase64 = body.toString('base64');
  const text = decodedBodyText(Array.isArray(response.header) ? response.header : [], body);
  if (text !== undefined) data.bodyText = text;
  return data;
}

/** The `ScriptInputData` of an input. */
export function toInputData(input: ScriptInput): Data {
  if (!input.response) return input as unknown as Data;
  return Object.assign({} as Data, input, { response: toResponseData(input.response) });
}

const PROTO_KEY = '__proto__';

/**
 * Removes own `__proto__` keys everywhere in data copied out of the isolate, so host code that
 * merges it (Object.assign, lodash merge…) cannot have its prototypes rewritten.
 */
export function dropProtoKeys(value: unknown, depth = 0): void {
  if (typeof value !== 'object' || value === null || depth > 64) return;
  if (Object.hasOwn(value, PROTO_KEY)) delete (value as Data)[PROTO_KEY];
  if (value instanceof Map || value instanceof Set || value instanceof Date || ArrayBuffer.isView(value))
    return;
  for (const key of Object.keys(value)) dropProtoKeys((value as Data)[key], depth + 1);
}

/** isolated-vm appends the host's frames to errors that cross out; they are not the script's. */
const HOST_FRAMES = /\n\s*at \(<isolated-vm boundary>\)[\s\S]*$/;

/** A RunError from whatever error-shaped data (or host Error) arrives. */
export function toRunError(value: unknown, fallbackMessage = 'Unknown error'): RunError {
  if (isRecord(value) || value instanceof Error) {
    const { name, message, stack } = value as Data;
    const error: RunError = {
      name: typeof name === 'string' && name ? name : 'Error',
      message: typeof message === 'string' ? message : fallbackMessage,
    };
    if (typeof stack === 'string') error.stack = stack.replace(HOST_FRAMES, '');
    return error;
  }
  return { name: 'Error', message: value === undefined ? fallbackMessage : String(value) };
}

/** An assertion reported by the script, or undefined when it is not assertion-shaped. */
export function toAssertion(value: unknown): Assertion | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const assertion: Assertion = {
    name: value.name,
    index: typeof value.index === 'number' ? value.index : 0,
    skipped: value.skipped === true,
    passed: value.passed === true,
  };
  if (value.error !== undefined && value.error !== null) assertion.error = toRunError(value.error);
  return assertion;
}

function definitions(value: unknown, fallback: VariableDefinition[]): VariableDefinition[] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((v): v is VariableDefinition => isRecord(v) && typeof v.key === 'string');
}

function scopesOf(value: unknown, input: ScriptScopes): ScriptScopes {
  const scopes = isRecord(value) ? value : {};
  return {
    globals: definitions(scopes.globals, input.globals),
    environment: definitions(scopes.environment, input.environment),
    collectionVariables: definitions(scopes.collectionVariables, input.collectionVariables),
    local: definitions(scopes.local, input.local),
    data: input.data,
  };
}

/**
 * Builds the `ScriptOutput` from what `finish` returned, keeping only well-formed fields.
 * `reported` are the assertions the host already received, used when the output has none (the
 * bundle leaves them out), and a missing request is the input's (after test scripts).
 */
export function readOutput(
  raw: unknown,
  input: ScriptInput,
  reported: Assertion[],
  error: RunError | undefined,
): ScriptOutput {
  const output = isRecord(raw) ? raw : {};
  dropProtoKeys(output);
  const assertions = Array.isArray(output.assertions)
    ? output.assertions.map(toAssertion).filter((a): a is Assertion => a !== undefined)
    : reported;
  const result: ScriptOutput = {
    scopes: scopesOf(output.scopes, input.scopes),
    request: isRecord(output.request) ? (output.request as unknown as RequestDefinition) : input.request,
    assertions,
    skipRequest: output.skipRequest === true && input.listen === 'prerequest',
  };
  const next = output.nextRequest;
  if (next === null || typeof next === 'string') result.nextRequest = next;
  if (error) result.error = error;
  return result;
}

/** Cookies in a sendRequest result, as the bundle's `history.cookies`. */
export function historyOf(cookies: ScriptCookie[] | undefined): { cookies: ScriptCookie[] } | undefined {
  return cookies ? { cookies } : undefined;
}
