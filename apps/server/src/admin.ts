/** Operator commands run against the database directly (`postern admin …`). */
import { resolveConfig, type ServerConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { presentUser } from './modules/users/repository.ts';
import { createUser } from './modules/users/service.ts';

export async function adminCreateUser(
  input: Partial<ServerConfig> & { email: string; name?: string; password: string; admin: boolean },
): Promise<ReturnType<typeof presentUser>> {
  const config = resolveConfig(input);
  const database = await openDatabase(config);
  try {
    const user = await database.db.transaction().execute((trx) =>
      createUser(trx, {
        email: input.email,
        name: input.name ?? input.email.split('@')[0] ?? input.email,
        password: input.password,
        isAdmin: input.admin,
        emailVerified: true,
      }),
    );
    return presentUser(user);
  } finally {
    await database.close();
  }
}
