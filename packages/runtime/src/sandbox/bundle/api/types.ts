/**
 * Data shapes crossing the isolate boundary. Everything here is plain, copyable data: the engine
 * copies an input in, and copies the output (and every bridge argument) back out.
 */
import type { Assertion } from '../../../events.ts';
import type { ScriptCookie, ScriptInput, ScriptOutput, ScriptResponse } from '../../types.ts';

/** A `ScriptResponse` with its body as base64 (no Buffer exists inside the isolate). */
export interface ScriptResponseData extends Omit<ScriptResponse, 'body'> {
  /** The decoded body bytes as standard padded base64. */
  bodyBase64: string;
  /** Optional: the body already decoded as text with the Content-Type charset (saves JS decoding). */
  bodyText?: string;
}

/** `ScriptInput` as data. Without `location`, `pm.execution.location` is the item's name alone. */
export interface ScriptInputData extends Omit<ScriptInput, 'response'> {
  response?: ScriptResponseData;
  /** Identity of the loaded environment/globals files (`pm.environment.name`, `pm.globals.id`). */
  scopeInfo?: { environment?: { id?: string; name?: string }; globals?: { id?: string; name?: string } };
}

export type ScriptOutputData = ScriptOutput;

/** What the API asks of the engine (each callback is called back later by the engine). */
export interface Bridge {
  /** `pm.sendRequest`; `response` is a `ScriptResponseData`, `history.cookies` optional cookies. */
  sendRequest(
    request: unknown,
    done: (error: unknown, response: unknown, history?: { cookies?: ScriptCookie[] }) => void,
  ): void;
  /** `pm.cookies.jar()`: op is get | getAll | set | unset | clear. */
  cookieJar(op: string, url: string, args: unknown[], done: (error: unknown, result?: unknown) => void): void;
  console(level: string, args: unknown[]): void;
  assertion(a: Assertion): void;
  dynamicVariable(name: string): string | undefined;
}

export type { Assertion, ScriptCookie };
