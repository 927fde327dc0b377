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
  /** The TOTP secret sealed by the keyring (pending until `totp_enabled_at` is set). */
  totp_secret_enc: string | null;
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
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

/** Single-use recovery codes for TOTP, stored as SHA-256 hashes. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** One-time links sent by mail (`verify_email`, `password_reset`), stored as SHA-256 hashes. */
export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The second step of a sign-in with MFA: a short-lived token stored as its hash. */
export interface MfaChallengesTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  used_at: string | null;
}

/** Login back-off counters per account (`account:<email>`) and per client address (`ip:<addr>`). */
export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_start: string;
  blocked_until: string | null;
  updated_at: string;
}

/** A team and its security policy (0005-teams). */
export interface TeamsTable {
  id: string;
  name: string;
  /** 1 when every member must have MFA enabled. */
  require_mfa: Generated<number>;
  /** The longest lifetime, in days, of an API key a member may hold; null for no cap. */
  max_api_key_days: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One membership: `role` is a team role (policies/roles.ts), `status` is `active` or `suspended`. */
export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  role: string;
  status: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface TeamInvitationsTable {
  id: string;
  token_hash: string;
  email: string;
  team_id: string;
  role: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

/** A workspace (0006-workspaces); `type` is personal, private, team, partner or public. */
export interface WorkspacesTable {
  id: string;
  name: string;
  type: string;
  team_id: string | null;
  owner_id: string;
  description: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface WorkspaceRolesTable {
  workspace_id: string;
  user_id: string;
  /** admin, editor or viewer. */
  role: string;
  created_at: string;
}

export interface CollectionsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The collection as Postman v2.1 JSON, `info._postman_id` = id. */
  content: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CollectionVersionsTable {
  collection_id: string;
  version: number;
  content: string;
  created_by: string | null;
  created_at: string;
}

export interface EnvironmentsTable {
  id: string;
  workspace_id: string;
  name: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** `value` holds default-typed values; secret-typed ones are only in `value_enc` (sealed). */
export interface EnvironmentVariablesTable {
  id: string;
  environment_id: string;
  key: string;
  type: string;
  enabled: number;
  value: string | null;
  value_enc: string | null;
  position: number;
}

/** A member's own value of an environment variable, sealed (0009-private-values). */
export interface EnvironmentPrivateValuesTable {
  environment_id: string;
  user_id: string;
  /** The variable's key. */
  key: string;
  value_enc: string;
  created_at: string;
  updated_at: string;
}

/** A role on one collection or environment (`element_type`): editor or viewer. */
export interface ElementRolesTable {
  element_type: string;
  element_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

/**
 * A secret found in a collection or environment (0008-secret-findings): where, which rule, and
 * hashes of the secret (never the secret). `status`: open, revoked, false_positive, used_in_tests
 * or accepted_risk.
 */
export interface SecretFindingsTable {
  id: string;
  workspace_id: string;
  /** `collection` or `environment`. */
  element_type: string;
  element_id: string;
  rule_id: string;
  json_path: string;
  line: number;
  column: number;
  /** The scanner's fingerprint of rule and secret (`fingerprintOf`). */
  fingerprint: string;
  /** The keyring's keyed fingerprint of the secret in the workspace's scope. */
  hmac: string;
  redacted: string;
  status: string;
  /** The comment given when the status was set. */
  reason: string | null;
  created_at: string;
  updated_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface AuditCheckpointsTable {
  /** Number of audit rows covered (the seq of the head row). */
  size: number;
  head_hash: string;
  created_at: string;
  /** SHA-256 (hex, first 16) of the signing public key (SPKI DER). */
  key_id: string;
  /** Ed25519 signature (base64) over `postern-audit-checkpoint:<size>:<head_hash>`. */
  signature: string;
}

export interface Database {
  users: UsersTable;
  setup_tokens: SetupTokensTable;
  meta: MetaTable;
  workspace_keys: WorkspaceKeysTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_logs: AuditLogsTable;
  audit_checkpoints: AuditCheckpointsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_invitations: TeamInvitationsTable;
  workspaces: WorkspacesTable;
  workspace_roles: WorkspaceRolesTable;
  collections: CollectionsTable;
  collection_versions: CollectionVersionsTable;
  environments: EnvironmentsTable;
  environment_variables: EnvironmentVariablesTable;
  environment_private_values: EnvironmentPrivateValuesTable;
  element_roles: ElementRolesTable;
  secret_findings: SecretFindingsTable;
  recovery_codes: RecoveryCodesTable;
  email_tokens: EmailTokensTable;
  mfa_challenges: MfaChallengesTable;
  login_attempts: LoginAttemptsTable;
}
