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
  /** `active` or `suspended` (a suspended account cannot sign in; its sessions and keys stop). */
  status: Generated<string>;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  key_hash: string;
  user_id: string;
  name: string;
  /** The key's last characters, to tell keys apart in lists. */
  hint: string;
  /** JSON array of scope names. */
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked_at: string | null;
}

export interface AuditLogsTable {
  seq: number;
  id: string;
  action: string;
  outcome: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  team_id: string | null;
  workspace_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  message: string;
  /** JSON object with action-specific details (never secret values). */
  data: string;
  created_at: string;
  prev_hash: string;
  hash: string;
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

/** A workspace's data key, wrapped by the master key `kek_id` (see crypto/kek-store.ts). */
export interface WorkspaceKeysTable {
  workspace_id: string;
  wrapped_key: string;
  kek_id: string;
  created_at: string;
  rotated_at: string | null;
}

export interface Database {
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  meta: MetaTable;
  workspace_keys: WorkspaceKeysTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_logs: AuditLogsTable;
}
