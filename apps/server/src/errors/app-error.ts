/**
 * The one error type routes throw. Its `name` is a stable, documented code; the HTTP status comes
 * from the table, so the same code always answers the same way.
 */
export const ERROR_STATUS = {
  invalidParams: 400,
  weakPassword: 400,
  invalidToken: 400,
  invalidCode: 400,
  wrongPassword: 400,
  unauthenticated: 401,
  csrfFailed: 403,
  forbidden: 403,
  signupClosed: 403,
  mfaEnrollmentRequired: 403,
  notFound: 404,
  conflict: 409,
  setupClosed: 409,
  /** Push protection: the change would expose unresolved secret findings (details list them). */
  secretsDetected: 409,
  rateLimited: 429,
  serverError: 500,
} as const;

export type ErrorName = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorName,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
