/** The API shapes of workspaces and of the element summaries they list. */
import type { WorkspaceRow } from '../../policies/resources.ts';
import type { WorkspaceRole } from '../../policies/roles.ts';

/** `{id, name, type, teamId}` plus the caller's role (GET /api/workspaces). */
export function presentWorkspaceSummary(row: WorkspaceRow, role: WorkspaceRole | null) {
  return { id: row.id, name: row.name, type: row.type, teamId: row.team_id, role };
}

export function presentWorkspace(row: WorkspaceRow, role: WorkspaceRole | null) {
  return {
    ...presentWorkspaceSummary(row, role),
    description: row.description,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A collection or environment in a list: `{id, name, updatedAt}` (Postman's list shape). */
export function presentElementSummary(row: {
  id: string;
  name: string;
  workspace_id: string;
  updated_at: string;
}) {
  return { id: row.id, name: row.name, workspaceId: row.workspace_id, updatedAt: row.updated_at };
}

export function presentRole(row: { user_id: string; email: string; name: string; role: string }) {
  return { userId: row.user_id, email: row.email, name: row.name, role: row.role };
}
