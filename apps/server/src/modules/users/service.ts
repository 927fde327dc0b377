import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertStrongPassword } from '../password/policy.ts';
import { hashPassword } from './passwords.ts';
import { findUserByEmail, insertUser, type UserRow } from './repository.ts';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  isAdmin: boolean;
  /** Users created by an operator (setup, `postern admin create-user`) need no verification mail. */
  emailVerified: boolean;
}

/** Creates a user after the password policy (400 `weakPassword`); the caller owns the transaction. */
export async function createUser(db: Kysely<Database>, input: NewUser): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  await assertStrongPassword(input.password, { email, name: input.name });
  if (await findUserByEmail(db, email)) throw new AppError('conflict', 'A user with this email exists');
  const user: UserRow = {
    id: randomUUID(),
    email,
    name: input.name,
    password_hash: await hashPassword(input.password),
    is_admin: input.isAdmin ? 1 : 0,
    email_verified: input.emailVerified ? 1 : 0,
    created_at: new Date().toISOString(),
    status: 'active',
    totp_secret_enc: null,
    totp_enabled_at: null,
    totp_last_step: null,
  };
  await insertUser(db, user);
  return user;
}
