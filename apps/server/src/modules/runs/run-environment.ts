/**
 * The environment of a server-side run as the runner takes it: shared values, secret ones opened
 * with the workspace key (environments/secret-values.ts), and the caller's own private values in
 * place of the shared ones. The values never leave the server: the run result is redacted with
 * the secrets listed here.
 */
import { parseVariableList, type VariableList } from '@postern/collection';
import type { NamedSecret } from '@postern/secrets';
import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import type { EnvironmentRow } from '../environments/repository.ts';
import { openSecretValue } from '../environments/secret-values.ts';
import { variablesOf } from '../environments/variables.ts';
import { openPrivateValues } from '../private-values/store.ts';

export interface RunEnvironment {
  list: VariableList;
  /** Every secret value in the run (shared secrets and the caller's private values), to redact. */
  secrets: NamedSecret[];
  /** Keys of shared secret values the run uses (not replaced by a private value of the caller). */
  sharedSecretKeys: string[];
}

/**
 * @example
 * const env = await environmentForRun(db, keyring, row, actor.user.id);
 * await run({ collection, environment: env.list }, listener);
 */
export async function environmentForRun(
  db: Kysely<Database>,
  keyring: Keyring,
  row: EnvironmentRow,
  userId: string,
): Promise<RunEnvironment> {
  const variables = await variablesOf(db, row.id);
  const mine = await openPrivateValues(keyring, db, {
    workspaceId: row.workspace_id,
    environmentId: row.id,
    userId,
  });
  const secrets: NamedSecret[] = [];
  const sharedSecretKeys: string[] = [];
  const values: VariableList['values'] = [];
  for (const variable of variables) {
    const own = mine.get(variable.key);
    let value: string | null = variable.value;
    if (own !== undefined) {
      value = own;
      secrets.push({ name: variable.key, value: own });
    } else if (variable.type === 'secret' && variable.value_enc !== null) {
      const ref = { workspaceId: row.workspace_id, environmentId: row.id, variableId: variable.id };
      value = await openSecretValue(keyring, db, ref, variable.value_enc);
      secrets.push({ name: variable.key, value });
      sharedSecretKeys.push(variable.key);
    }
    values.push({
      key: variable.key,
      value: value ?? '',
      type: variable.type === 'secret' ? 'secret' : 'default',
      enabled: variable.enabled === 1,
    });
  }
  const list = parseVariableList({ id: row.id, name: row.name, values }, 'environment');
  return { list, secrets, sharedSecretKeys };
}
