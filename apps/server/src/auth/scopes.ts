/**
 * What an API key may do. A key made without scopes gets every scope but `admin`; a session acts
 * with all of its user's rights. Scopes narrow a key; roles still decide every access.
 */
export const API_KEY_SCOPES = [
  'workspaces:read',
  'workspaces:write',
  'collections:read',
  'collections:write',
  'environments:read',
  'environments:write',
  'teams:read',
  'teams:write',
  'audit:read',
  'findings:read',
  'findings:write',
  'admin',
] as const;

export type Scope = (typeof API_KEY_SCOPES)[number];

export const DEFAULT_KEY_SCOPES: readonly Scope[] = API_KEY_SCOPES.filter((s) => s !== 'admin');
