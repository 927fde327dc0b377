import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error.ts';

/**
 * Every error leaves as `{error: {name, message, details?}}`. Validation and malformed bodies are
 * 400 invalidParams; unknown errors are a 500 with a request id, logged, never echoed.
 */
/**
 * Errors Fastify raises before routing (a bad URL, an over-long path parameter) bypass the error
 * handler; pass this as the `frameworkErrors` option so they leave in the same format.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, _req, reply) => {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  // The generic reply type cannot know this status; the body is the one error format.
  (reply as unknown as FastifyReply)
    .code(status)
    .send({ error: { name: 'invalidParams', message: error.message } });
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ error: { name: 'notFound', message: 'Not found' } });
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .code(err.status)
        .send({ error: { name: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send({
        error: { name: 'invalidParams', message: 'The request is not valid', details: err.validation },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const name = status === 429 ? 'rateLimited' : status === 413 ? 'payloadTooLarge' : 'invalidParams';
      return reply.code(status).send({ error: { name, message: err.message } });
    }
    const requestId = randomUUID();
    req.log.error({ err, requestId }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: { name: 'serverError', message: 'Internal error', details: { requestId } } });
  });
}
