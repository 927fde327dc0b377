/** Operator commands run against the database directly (`postern admin …`). */
import { recordAudit } from './audit/record.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { parseMasterKey } from './crypto/master-key.ts';
import { type RotateKeysResult, rotateKeys } from './crypto/rotate.ts';
import { openDatabase } from './db/database.ts';
import { presentUser } from './modules/users/repository.ts';
import { createUser } from './modules/users/service.ts';

export async function adminCreateUser(
  input: Partial<ServerConfig> & { email: string; name?: string; password: string; admin: boolean },
): Promise<ReturnType<typeof presentUser>> {
  const config = resolveConfig(input);
  const database = await openDatabase(config);
  try {
    const user = await database.db.transaction().execute(async (trx) => {
      const made = await createUser(trx, {
        email: input.email,
        name: input.name ?? input.email.split('@')[0] ?? input.email,
        password: input.password,
        isAdmin: input.admin,
        emailVerified: true,
      });
      await recordAudit(
        trx,
        { userAgent: 'postern admin create-user' },
        {
          action: 'user.create',
          target: { type: 'user', id: made.id },
          data: { admin: input.admin, via: 'cli' },
        },
      );
      return made;
    });
    return presentUser(user);
  } finally {
    await database.close();
  }
}

/**
 * `postern admin rotate-keys`: re-wraps every workspace data key under a new master key (given as
 * base64 text, or generated into the key file when the current key comes from it). Safe while
 * servers run; see crypto/rotate.ts.
 */
export async function adminRotateKeys(
  input: Partial<ServerConfig> & { env?: NodeJS.ProcessEnv; newMasterKey?: string },
): Promise<RotateKeysResult> {
  const config = resolveConfig(input);
  const newKey =
    input.newMasterKey === undefined
      ? undefined
      : parseMasterKey(input.newMasterKey, 'the new master key (standard input)');
  const database = await openDatabase(config);
  try {
    return await rotateKeys({
      db: database.db,
      dataDir: config.dataDir,
      env: input.env ?? process.env,
      ...(newKey ? { newKey } : {}),
    });
  } finally {
    await database.close();
  }
}
