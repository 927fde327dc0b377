/** The API shapes of teams and members. */
import type { TeamRow } from '../../policies/resources.ts';
import type { TeamRole } from '../../policies/roles.ts';

export function presentTeam(row: TeamRow, role: TeamRole | null) {
  return {
    id: row.id,
    name: row.name,
    role,
    requireMfa: row.require_mfa === 1,
    maxApiKeyDays: row.max_api_key_days,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  created_at: string;
}

export function presentMember(row: MemberRow) {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    joinedAt: row.created_at,
  };
}
