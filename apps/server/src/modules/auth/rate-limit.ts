/**
 * A request-rate cap for the public /api/auth routes (argon2 is deliberately slow, and each attempt
 * writes an audit row): per client address and route, in this process's memory. The account and
 * address back-off that survives restarts and spans servers is auth/login-throttle.ts.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * Registers the limiter in the calling plugin; routes opt in with `config: { rateLimit: authRateLimit(n) }`.
 *
 * @example await useAuthRateLimit(app); app.post('/api/auth/login', { config: { rateLimit: authRateLimit(100), … } }, …)
 */
export async function useAuthRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/** `max` requests per minute per client address. */
export function authRateLimit(max: number): { max: number; timeWindow: number } {
  return { max, timeWindow: 60_000 };
}
