/**
 * Environment changes and reads, each change in one transaction with its audit row. Secret values
 * are sealed on write and opened only for a reveal, which is itself audited (names, never values).
 * Saves scan the default-typed values for secrets (a secret-typed variable is where they belong)
 * and record the findings in the same transaction (secret-findings/record.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ElementResource } from '../../policies/authorize.ts';
import { recordFindings, type SaveScan } from '../secret-findings/record.ts';
import { deleteElementFindings } from '../secret-findings/repository.ts';
import { scanEnvironmentValues } from '../secret-findings/scan.ts';
import type { EnvironmentRow } from './repository.ts';
import { openSecretValue } from './secret-values.ts';
import { type VariableDraft, type VariableRow, variablesOf, writeVariables } from './variables.ts';

interface Place {
  workspaceId: string;
  teamId: string | null;
}

function summary(drafts: readonly VariableDraft[]) {
  return {
    variables: drafts.length,
    secrets: drafts.filter((d) => d.type === 'secret').map((d) => d.key),
  };
}

export async function createEnvironment(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  input: { place: Place; name: string; drafts: readonly VariableDraft[]; userId: string },
): Promise<{ row: EnvironmentRow; scan: SaveScan }> {
  const found = scanEnvironmentValues(input.name, input.drafts);
  const now = new Date().toISOString();
  const row: EnvironmentRow = {
    id: randomUUID(),
    workspace_id: input.place.workspaceId,
    name: input.name,
    created_by: input.userId,
    created_at: now,
    updated_at: now,
  };
  const element = { type: 'environment', id: row.id, name: row.name, ...input.place } as const;
  const scan = await inTransaction(db, async (trx) => {
    await trx.insertInto('environments').values(row).execute();
    await writeVariables(
      trx,
      keyring,
      { workspaceId: row.workspace_id, environmentId: row.id },
      input.drafts,
      [],
    );
    const recorded = await recordFindings(trx, keyring, element, found);
    await recordAudit(trx, ctx, {
      action: 'environment.create',
      teamId: input.place.teamId,
      workspaceId: row.workspace_id,
      target: { type: 'environment', id: row.id },
      data: { name: row.name, ...summary(input.drafts) },
    });
    return recorded;
  });
  return { row, scan };
}

export async function replaceEnvironment(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  input: {
    access: ElementResource<'environment'>;
    row: EnvironmentRow;
    name: string;
    drafts: readonly VariableDraft[];
  },
): Promise<{ row: EnvironmentRow; scan: SaveScan }> {
  const next = { ...input.row, name: input.name, updated_at: new Date().toISOString() };
  const found = scanEnvironmentValues(next.name, input.drafts);
  const element = {
    type: 'environment',
    id: next.id,
    name: next.name,
    workspaceId: next.workspace_id,
    teamId: input.access.workspace.teamId,
  } as const;
  const scan = await inTransaction(db, async (trx) => {
    const existing = await variablesOf(trx, next.id);
    await trx
      .updateTable('environments')
      .set({ name: next.name, updated_at: next.updated_at })
      .where('id', '=', next.id)
      .execute();
    await writeVariables(
      trx,
      keyring,
      { workspaceId: next.workspace_id, environmentId: next.id },
      input.drafts,
      existing,
    );
    const recorded = await recordFindings(trx, keyring, element, found);
    await recordAudit(trx, ctx, {
      action: 'environment.update',
      teamId: input.access.workspace.teamId,
      workspaceId: next.workspace_id,
      target: { type: 'environment', id: next.id },
      data: { name: next.name, ...summary(input.drafts) },
    });
    return recorded;
  });
  return { row: next, scan };
}

export async function deleteEnvironment(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { access: ElementResource<'environment'>; row: EnvironmentRow },
): Promise<void> {
  const { row } = input;
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('element_roles')
      .where('element_type', '=', 'environment')
      .where('element_id', '=', row.id)
      .execute();
    await trx.deleteFrom('environment_variables').where('environment_id', '=', row.id).execute();
    await deleteElementFindings(trx, 'environment', row.id);
    await trx.deleteFrom('environments').where('id', '=', row.id).execute();
    await recordAudit(trx, ctx, {
      action: 'environment.delete',
      teamId: input.access.workspace.teamId,
      workspaceId: row.workspace_id,
      target: { type: 'environment', id: row.id },
      data: { name: row.name },
    });
  });
}

/**
 * Opens every secret value of the environment and audits `environment.secret_reveal` with the
 * revealed names, in one transaction: no reveal without its record.
 */
export async function revealSecrets(
  db: Kysely<Database>,
  ctx: AuditContext,
  keyring: Keyring,
  input: { access: ElementResource<'environment'>; row: EnvironmentRow },
): Promise<{ variables: VariableRow[]; revealed: Map<string, string> }> {
  const { row } = input;
  return inTransaction(db, async (trx) => {
    const variables = await variablesOf(trx, row.id);
    const revealed = new Map<string, string>();
    for (const v of variables) {
      if (v.type !== 'secret' || v.value_enc === null) continue;
      const ref = { workspaceId: row.workspace_id, environmentId: row.id, variableId: v.id };
      revealed.set(v.id, await openSecretValue(keyring, trx, ref, v.value_enc));
    }
    await recordAudit(trx, ctx, {
      action: 'environment.secret_reveal',
      teamId: input.access.workspace.teamId,
      workspaceId: row.workspace_id,
      target: { type: 'environment', id: row.id },
      data: { name: row.name, secrets: variables.filter((v) => v.type === 'secret').map((v) => v.key) },
    });
    return { variables, revealed };
  });
}
