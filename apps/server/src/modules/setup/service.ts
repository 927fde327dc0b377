/**
 * First run: while no administrator exists, a one-time setup token lets the person who started the
 * server create the first admin. Only its hash is stored; a new start issues a new token.
 */
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { hashToken, newToken } from '../../crypto/tokens.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { passwordProblem } from '../users/passwords.ts';
import { adminExists, type UserRow } from '../users/repository.ts';
import { createUser } from '../users/service.ts';

/** Issues a fresh setup token when no admin exists (earlier unused tokens stop working). */
export async function issueSetupToken(db: Kysely<Database>): Promise<string | undefined> {
  if (await adminExists(db)) return undefined;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await trx
      .insertInto('setup_tokens')
      .values({ token_hash: hashToken(token), created_at: new Date().toISOString(), used_at: null })
      .execute();
  });
  return token;
}

export interface SetupInput {
  token: string;
  email: string;
  name: string;
  password: string;
}

export async function completeSetup(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: SetupInput,
): Promise<UserRow> {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('invalidParams', problem);
  return db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom('setup_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(input.token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (!token || (await adminExists(trx))) {
      throw new AppError('setupClosed', 'This setup link is not valid or setup is already done');
    }
    const user = await createUser(trx, { ...input, isAdmin: true, emailVerified: true });
    await trx
      .updateTable('setup_tokens')
      .set({ used_at: new Date().toISOString() })
      .where('token_hash', '=', token.token_hash)
      .execute();
    await recordAudit(
      trx,
      { ...ctx, actor: { id: user.id, email: user.email, name: user.name } },
      { action: 'setup.admin_create', target: { type: 'user', id: user.id } },
    );
    return user;
  });
}
