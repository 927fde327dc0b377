/**
 * Request failures with the messages Newman prints for them (`ESOCKETTIMEDOUT`,
 * `connect ECONNREFUSED 127.0.0.1:9`, `socket hang up`, …).
 */

/** An Error with Node's `code`, as postman-request reports failures. */
export interface HttpFailure extends Error {
  code?: string;
}

/**
 * Creates an Error with a code; its message is what Newman shows.
 *
 * @example
 * throw httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT')
 */
export function httpFailure(message: string, code?: string): HttpFailure {
  const error: HttpFailure = new Error(message);
  if (code) error.code = code;
  return error;
}

/**
 * Whether a request failed because the server had closed the connection under it (a reset, a
 * broken pipe, or a hang-up before any answer): on a reused keep-alive connection, the request
 * never reached a server that could answer it.
 *
 * @example
 * isConnectionDrop(httpFailure('socket hang up', 'ECONNRESET')) // true
 */
export function isConnectionDrop(error: HttpFailure): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}
