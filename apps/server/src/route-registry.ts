/** Every route the app registers with its security config, for the route-enumeration tests and OpenAPI. */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { RouteSecurity } from './auth/actor.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  config: RouteSecurity;
  /** Whether the route validates a body, params or querystring with a schema. */
  schema: { body: boolean; params: boolean; querystring: boolean };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
  return MUTATING.has(method);
}

/** Starts recording routes; call before any route is registered. */
export function recordRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = ([] as HTTPMethods[]).concat(route.method);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        config: (route.config ?? {}) as RouteSecurity,
        schema: {
          body: Boolean(route.schema?.body),
          params: Boolean(route.schema?.params),
          querystring: Boolean(route.schema?.querystring),
        },
      });
    }
  });
  return routes;
}
