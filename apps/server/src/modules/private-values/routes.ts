/**
 * A member's own values of environment variables (SECURITY.md "Per-user values"): anyone who may
 * read the environment may set a private value for any of its variables, used in their runs
 * instead of the shared value. Values are shown only to their owner, masked unless `?reveal=true`.
 *
 *   GET    /api/environments/:id/my-values                  → {privateValues: [...]}
 *   GET    /api/environments/:id/variables/:key/my-value    → {privateValue}
 *   PUT    /api/environments/:id/variables/:key/my-value    {value} → {privateValue}
 *   DELETE /api/environments/:id/variables/:key/my-value    → 204
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app.ts';
import { type Actor, actorOf, auditContext } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireElement } from '../../policies/require.ts';
import { findEnvironment } from '../environments/repository.ts';
import { EnvironmentIdParams, PrivateValueBody, RevealQuery, VariableParams } from './schema.ts';
import { deletePrivateValue, setPrivateValue } from './service.ts';
import { listPrivateValues, openPrivateValues, type SealedPrivateValue } from './store.ts';

async function readableEnvironment(db: Kysely<Database>, actor: Actor, id: string) {
  return requireElement(db, actor, 'environment', await findEnvironment(db, id), 'read');
}

export const privateValueRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  /** The owner's values, masked, or in clear with `reveal`. */
  const present = async (
    access: { id: string; workspace: { id: string } },
    userId: string,
    rows: readonly SealedPrivateValue[],
    reveal: boolean,
  ) => {
    const clear = reveal
      ? await openPrivateValues(
          deps.keyring,
          db,
          { workspaceId: access.workspace.id, environmentId: access.id, userId },
          rows,
        )
      : undefined;
    return rows.map((row) =>
      clear
        ? { key: row.key, value: clear.get(row.key) ?? null, masked: false, updatedAt: row.updatedAt }
        : { key: row.key, value: null, masked: true, updatedAt: row.updatedAt },
    );
  };

  app.get(
    '/api/environments/:id/my-values',
    {
      schema: { params: EnvironmentIdParams, querystring: RevealQuery },
      config: { scope: 'environments:read' },
    },
    async (req) => {
      const actor = actorOf(req);
      const access = await readableEnvironment(db, actor, req.params.id);
      const rows = await listPrivateValues(db, { environmentId: access.id, userId: actor.user.id });
      return { privateValues: await present(access, actor.user.id, rows, req.query.reveal === 'true') };
    },
  );

  app.get(
    '/api/environments/:id/variables/:key/my-value',
    { schema: { params: VariableParams, querystring: RevealQuery }, config: { scope: 'environments:read' } },
    async (req) => {
      const actor = actorOf(req);
      const access = await readableEnvironment(db, actor, req.params.id);
      const rows = await listPrivateValues(db, {
        environmentId: access.id,
        userId: actor.user.id,
        key: req.params.key,
      });
      const [privateValue] = await present(access, actor.user.id, rows, req.query.reveal === 'true');
      if (!privateValue) throw new AppError('notFound', `You have no private value for "${req.params.key}"`);
      return { privateValue };
    },
  );

  app.put(
    '/api/environments/:id/variables/:key/my-value',
    {
      schema: { params: VariableParams, body: PrivateValueBody },
      config: { scope: 'environments:write', audit: 'environment.private_value_set' },
    },
    async (req) => {
      const actor = actorOf(req);
      const access = await readableEnvironment(db, actor, req.params.id);
      const target = { access, userId: actor.user.id, key: req.params.key };
      const saved = await setPrivateValue(
        db,
        auditContext(req),
        deps.keyring,
        target,
        String(req.body.value),
      );
      return { privateValue: { key: req.params.key, value: null, masked: true, updatedAt: saved.updatedAt } };
    },
  );

  app.delete(
    '/api/environments/:id/variables/:key/my-value',
    {
      schema: { params: VariableParams },
      config: { scope: 'environments:write', audit: 'environment.private_value_delete' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const access = await readableEnvironment(db, actor, req.params.id);
      await deletePrivateValue(db, auditContext(req), { access, userId: actor.user.id, key: req.params.key });
      return reply.code(204).send();
    },
  );
};
