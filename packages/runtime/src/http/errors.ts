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
 * Translates an error from undici (or the socket under it) into the error Newman would report.
 * Node's own socket and DNS errors already carry Newman's messages and pass through unchanged.
 *
 * @example
 * toNewmanError(new HeadersTimeoutError()) // Error('ESOCKETTIMEDOUT')
 */
export function toNewmanError(error: unknown): HttpFailure {
  if (!(error instanceof Error)) return httpFailure(String(error));
  const failure = error as HttpFailure;
  // undici wraps socket failures; the cause is Node's error with Newman's message.
  const cause = (failure as { cause?: unknown }).cause;
  if (failure.code?.startsWith('HPE_')) {
    // undici: `Response does not match the HTTP/1.1 protocol (Invalid header value char)`;
    // Node (and so Newman): `Parse Error: Invalid header value char`.
    const reason = /\((.*)\)$/.exec(failure.message)?.[1] ?? failure.message;
    return httpFailure(`Parse Error: ${reason}`, failure.code);
  }
  switch (failure.code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return httpFailure('ETIMEDOUT', 'ETIMEDOUT');
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return httpFailure('ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT');
    case 'UND_ERR_SOCKET':
      if (cause instanceof Error && (cause as HttpFailure).code) return cause as HttpFailure;
      return httpFailure('socket hang up', 'ECONNRESET');
    case 'UND_ERR_INVALID_ARG':
      if (/request path/.test(failure.message)) {
        return httpFailure('Request path contains unescaped characters', 'ERR_UNESCAPED_CHARACTERS');
      }
      if (/header/.test(failure.message)) {
        return httpFailure(`Invalid character in header content (${failure.message})`, 'ERR_INVALID_CHAR');
      }
      return failure;
    case 'UND_ERR_ABORTED':
    case 'UND_ERR_ABORT':
      return httpFailure('aborted', 'ECONNABORTED');
    default:
      return failure;
  }
}
