import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in one transaction (the change and its audit row commit together). */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(work);
}
