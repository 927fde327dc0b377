/**
 * Environment variables: validation of what a client sends, writing them (secret values only
 * through secret-values.ts), and their API shape (secrets masked unless revealed).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database, EnvironmentVariablesTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { VariableInput } from './schema.ts';
import { sealSecretValue } from './secret-values.ts';

export type VariableRow = Selectable<EnvironmentVariablesTable>;

export interface VariableDraft {
  key: string;
  type: 'default' | 'secret';
  enabled: boolean;
  /** For a secret, null means "keep the stored value" (a client sends back what it got: masked). */
  value: string | null;
}

/** Normalises the submitted values; keys must be unique. */
export function draftVariables(values: readonly VariableInput[]): VariableDraft[] {
  const seen = new Set<string>();
  return values.map((v, index) => {
    if (seen.has(v.key))
      throw new AppError('invalidParams', `values[${index}].key: "${v.key}" appears twice`);
    seen.add(v.key);
    return {
      key: v.key,
      type: v.type === 'secret' ? 'secret' : 'default',
      enabled: v.enabled,
      value: v.value === undefined || v.value === null ? null : String(v.value),
    };
  });
}

export function variablesOf(db: Kysely<Database>, environmentId: string): Promise<VariableRow[]> {
  return db
    .selectFrom('environment_variables')
    .selectAll()
    .where('environment_id', '=', environmentId)
    .orderBy('position')
    .execute();
}

/**
 * Replaces the variables of an environment inside `trx`. A variable keeps its id when its key
 * stays; a secret sent without a value keeps its sealed value (or seals the plain value it had
 * as a default variable).
 */
export async function writeVariables(
  trx: Kysely<Database>,
  keyring: Keyring,
  target: { workspaceId: string; environmentId: string },
  drafts: readonly VariableDraft[],
  existing: readonly VariableRow[],
): Promise<void> {
  const before = new Map(existing.map((row) => [row.key, row]));
  const rows: VariableRow[] = [];
  for (const [position, draft] of drafts.entries()) {
    const old = before.get(draft.key);
    const id = old?.id ?? randomUUID();
    const row: VariableRow = {
      id,
      environment_id: target.environmentId,
      key: draft.key,
      type: draft.type,
      enabled: draft.enabled ? 1 : 0,
      value: null,
      value_enc: null,
      position,
    };
    if (draft.type === 'default') {
      row.value = draft.value;
    } else {
      const plain = draft.value ?? (old?.type === 'default' ? old.value : null);
      if (plain !== null) {
        row.value_enc = await sealSecretValue(keyring, trx, { ...target, variableId: id }, plain);
      } else if (old?.type === 'secret') {
        row.value_enc = old.value_enc;
      }
    }
    rows.push(row);
  }
  await trx.deleteFrom('environment_variables').where('environment_id', '=', target.environmentId).execute();
  // Bounded batches keep each INSERT under SQLite's parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    await trx
      .insertInto('environment_variables')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/**
 * The API shape of the variables: secret values are `null` with `masked: true`; when `revealed`
 * is given (secret values by variable id, for `?reveal=true`) they are in clear with `masked: false`.
 */
export function presentVariables(rows: readonly VariableRow[], revealed?: ReadonlyMap<string, string>) {
  return rows.map((row) => {
    const base = { key: row.key, type: row.type, enabled: row.enabled === 1 };
    if (row.type !== 'secret') return { ...base, value: row.value };
    if (!revealed) return { ...base, value: null, masked: true };
    return { ...base, value: revealed.get(row.id) ?? null, masked: false };
  });
}
