/**
 * A server-side run of a stored collection: authorize (read on the collection and the
 * environment), open the environment's values for the caller, run in the runtime's sandbox behind
 * the SSRF guard and a time limit, audit `collection.run`, and answer with a redacted summary.
 */
import { randomUUID } from 'node:crypto';
import { type Collection, parseCollection, type VariableDefinition } from '@postern/collection';
import { FolderNotFoundError, type RunSummary, run } from '@postern/runtime';
import type { NamedSecret } from '@postern/secrets';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ElementResource } from '../../policies/authorize.ts';
import { requireElement } from '../../policies/require.ts';
import { collectionContent, findCollectionHead } from '../collections/repository.ts';
import { findEnvironment } from '../environments/repository.ts';
import { assertMayUseSecrets } from './access.ts';
import { type CollectedRun, collectRun } from './collect.ts';
import type { RunEgressGuard } from './egress.ts';
import { redactDeep, runRedactor } from './redaction.ts';
import { environmentForRun, type RunEnvironment } from './run-environment.ts';
import type { RunSlots } from './run-slots.ts';

export interface RunServices {
  db: Kysely<Database>;
  keyring: Keyring;
  egressGuard: RunEgressGuard;
  slots: RunSlots;
  timeoutMs: number;
  /** An empty directory: file and form-data bodies may read only inside it, so nothing of the server's. */
  workingDir: string;
}

export interface RunInput {
  collectionId: string;
  environmentId?: string | undefined;
  iterationCount?: number | undefined;
  folder?: string[] | undefined;
  /** Aborts the run (the client went away). */
  signal?: AbortSignal;
}

/** The API's answer (`{run: …}`), every string already redacted. */
export interface RunResult {
  id: string;
  collection: { id: string; name: string };
  environment: { id: string; name: string } | null;
  stats: RunSummary['stats'];
  timings: RunSummary['timings'];
  executions: CollectedRun['executions'];
  failures: CollectedRun['failures'];
  /** Set when the run was stopped: by the time limit or by a fatal error. */
  error?: { name: string; message: string };
  /** More executions or failures happened than the answer holds. */
  truncated?: true;
}

interface Prepared {
  collection: Collection;
  collectionAccess: ElementResource<'collection'>;
  environment?: { access: ElementResource<'environment'>; values: RunEnvironment };
}

async function prepare(services: RunServices, actor: Actor, input: RunInput): Promise<Prepared> {
  const { db } = services;
  const head = await findCollectionHead(db, input.collectionId);
  const collectionAccess = await requireElement(db, actor, 'collection', head, 'read');
  let environment: Prepared['environment'];
  if (input.environmentId !== undefined) {
    const row = await findEnvironment(db, input.environmentId);
    const access = await requireElement(db, actor, 'environment', row, 'read');
    const values = await environmentForRun(db, services.keyring, row!, actor.user.id);
    if (values.sharedSecretKeys.length > 0) assertMayUseSecrets(actor, collectionAccess, access);
    environment = { access, values };
  }
  const content = await collectionContent(db, input.collectionId);
  if (content === undefined) throw new AppError('notFound', 'No such collection');
  return { collection: parseCollection(JSON.parse(content)), collectionAccess, environment };
}

/** Secret-typed collection variables are stored in clear, but are secrets all the same. */
function collectionSecrets(variables: readonly VariableDefinition[]): NamedSecret[] {
  return variables
    .filter((v) => v.type === 'secret' && v.value !== undefined && v.value !== null)
    .map((v) => ({ name: v.key, value: String(v.value) }));
}

/**
 * Runs a stored collection for `actor` and returns the redacted result.
 *
 * @example
 * const result = await runStoredCollection(services, actor, auditContext(req), { collectionId, environmentId });
 */
export async function runStoredCollection(
  services: RunServices,
  actor: Actor,
  ctx: AuditContext,
  input: RunInput,
): Promise<RunResult> {
  const prepared = await prepare(services, actor, input);
  const redact = runRedactor([
    ...(prepared.environment?.values.secrets ?? []),
    ...collectionSecrets(prepared.collection.variable),
  ]);
  const release = services.slots.acquire();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, services.timeoutMs);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  const { listener, result: collected } = collectRun();
  const startedAt = Date.now();
  let summary: RunSummary;
  try {
    summary = await run(
      {
        collection: prepared.collection,
        ...(prepared.environment ? { environment: prepared.environment.values.list } : {}),
        ...(input.iterationCount !== undefined ? { iterationCount: input.iterationCount } : {}),
        ...(input.folder ? { folder: input.folder } : {}),
        signal: controller.signal,
        egressGuard: services.egressGuard,
        workingDir: services.workingDir,
        insecureFileRead: false,
      },
      listener,
    );
  } catch (error) {
    if (error instanceof FolderNotFoundError) throw new AppError('invalidParams', error.message);
    // Thrown before the run starts: options the runner refuses (e.g. a bad allowedDomains pattern).
    throw new AppError('invalidParams', redact(error instanceof Error ? error.message : String(error)));
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onAbort);
    release();
  }

  const id = randomUUID();
  const error = timedOut
    ? {
        name: 'runTimeout',
        message: `The run was stopped after ${services.timeoutMs} ms (the server's limit)`,
      }
    : summary.error && { name: summary.error.name, message: summary.error.message };
  await recordRun(services.db, ctx, prepared, {
    id,
    iterations: summary.stats.iterations.total,
    requests: summary.stats.requests.total,
    failures: summary.failureCount,
    durationMs: Date.now() - startedAt,
    ...(error ? { stopped: error.name } : {}),
  });
  const result: RunResult = {
    id,
    collection: { id: prepared.collectionAccess.id, name: summary.collection.name },
    environment: prepared.environment
      ? { id: prepared.environment.access.id, name: prepared.environment.values.list.name ?? '' }
      : null,
    stats: summary.stats,
    timings: summary.timings,
    executions: collected.executions,
    failures: collected.failures,
    ...(error ? { error } : {}),
    ...(collected.truncated ? { truncated: true as const } : {}),
  };
  return redactDeep(result, redact);
}

/** The audit row: ids and counts only, never a value. */
async function recordRun(
  db: Kysely<Database>,
  ctx: AuditContext,
  prepared: Prepared,
  data: Record<string, unknown>,
): Promise<void> {
  const workspace = prepared.collectionAccess.workspace;
  await inTransaction(db, (trx) =>
    recordAudit(trx, ctx, {
      action: 'collection.run',
      teamId: workspace.teamId,
      workspaceId: workspace.id,
      target: { type: 'collection', id: prepared.collectionAccess.id },
      data: { ...data, environmentId: prepared.environment?.access.id ?? null },
    }),
  );
}
