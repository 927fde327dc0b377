/**
 * `POST /api/collections/:id/runs` `{environmentId?, iterationCount? (≤ 100), folder?}` →
 * `{run: {id, stats, timings, executions, failures}}`: runs a stored collection on the server,
 * secrets injected but redacted from the answer, behind the SSRF guard (see service.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { actorOf, auditContext } from '../../auth/actor.ts';
import { CollectionIdParams } from '../collections/schema.ts';
import { serverSsrfGuard } from './egress.ts';
import { createRunSlots } from './run-slots.ts';
import { RunBody } from './schema.ts';
import { type RunServices, runStoredCollection } from './service.ts';

/** Runs one server process carries at once (each holds a script isolate). */
const MAX_CONCURRENT_RUNS = 4;

export const runRoutes: FastifyPluginAsync<AppDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const services: RunServices = {
    db: deps.database.db,
    keyring: deps.keyring,
    egressGuard: serverSsrfGuard(deps.config.ssrf),
    slots: createRunSlots(MAX_CONCURRENT_RUNS),
    timeoutMs: deps.config.runTimeoutMs,
    workingDir: mkdtempSync(join(tmpdir(), 'postern-runs-')),
  };
  app.addHook('onClose', async () => rmSync(services.workingDir, { recursive: true, force: true }));

  app.post(
    '/api/collections/:id/runs',
    {
      schema: { params: CollectionIdParams, body: RunBody.nullish() },
      config: { scope: 'collections:read', audit: 'collection.run' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // The client going away stops the run (the response closes before it was written).
      const gone = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      // Every field is optional, so is the body.
      const { environmentId, iterationCount, folder } = req.body ?? {};
      const result = await runStoredCollection(services, actor, auditContext(req), {
        collectionId: req.params.id,
        environmentId,
        iterationCount,
        folder: typeof folder === 'string' ? [folder] : folder,
        signal: gone.signal,
      });
      return { run: result };
    },
  );
};
