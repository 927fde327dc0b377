/**
 * Signed checkpoints: at least every 60 s while events flow, the chain's size and head hash are
 * signed and stored, so a truncated or rewritten trail no longer matches a signature.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type AuditSigner, checkpointMessage } from './signing-key.ts';

export const CHECKPOINT_INTERVAL_MS = 60_000;

/** Signs the current head when rows were added since the last checkpoint; returns the size signed. */
export async function writeCheckpoint(
  db: Kysely<Database>,
  signer: AuditSigner,
): Promise<number | undefined> {
  const head = await db
    .selectFrom('audit_logs')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return undefined;
  const last = await db
    .selectFrom('audit_checkpoints')
    .select('size')
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  const size = Number(head.seq);
  if (last && Number(last.size) >= size) return undefined;
  await db
    .insertInto('audit_checkpoints')
    .values({
      size,
      head_hash: head.hash,
      created_at: new Date().toISOString(),
      key_id: signer.keyId,
      signature: signer.sign(checkpointMessage(size, head.hash)),
    })
    // Another server on the same database may have signed the same head a moment earlier.
    .onConflict((c) => c.column('size').doNothing())
    .execute();
  return size;
}

export interface Checkpointer {
  /** Writes a last checkpoint and stops the timer. */
  stop(): Promise<void>;
}

export function startCheckpointer(
  db: Kysely<Database>,
  signer: AuditSigner,
  onError: (error: unknown) => void,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): Checkpointer {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = writeCheckpoint(db, signer).catch(onError);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await writeCheckpoint(db, signer).catch(onError);
    },
  };
}
