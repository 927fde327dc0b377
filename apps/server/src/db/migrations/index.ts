import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';

/** Every migration, in order. One set serves SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};
