import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';
import * as identity from './0002-identity.ts';
import * as audit from './0003-audit.ts';
import * as workspaceKeys from './0010-workspace-keys.ts';

/** Every migration, in order. One set serves SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-identity': identity,
  '0003-audit': audit,
  '0010-workspace-keys': workspaceKeys,
};
