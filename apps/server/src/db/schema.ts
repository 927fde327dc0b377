/** Table types for Kysely (one set for SQLite and PostgreSQL). Timestamps are ISO strings. */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: number;
  email_verified: number;
  created_at: string;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
  seq: Generated<number>;
}

export interface Database {
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  meta: MetaTable;
}
