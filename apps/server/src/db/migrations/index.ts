import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';
import * as identity from './0002-identity.ts';
import * as audit from './0003-audit.ts';
import * as identityExtra from './0004-identity-extra.ts';
import * as teams from './0005-teams.ts';
import * as workspaces from './0006-workspaces.ts';
import * as auditCheckpoints from './0007-audit-checkpoints.ts';
import * as secretFindings from './0008-secret-findings.ts';
import * as privateValues from './0009-private-values.ts';
import * as workspaceKeys from './0010-workspace-keys.ts';

/** Every migration, in order. One set serves SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-identity': identity,
  '0003-audit': audit,
  '0004-identity-extra': identityExtra,
  '0005-teams': teams,
  '0006-workspaces': workspaces,
  '0007-audit-checkpoints': auditCheckpoints,
  '0008-secret-findings': secretFindings,
  '0009-private-values': privateValues,
  '0010-workspace-keys': workspaceKeys,
};
