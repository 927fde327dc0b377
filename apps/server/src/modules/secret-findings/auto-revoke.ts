/**
 * A Postern API key found in saved content is revoked at once (SECURITY.md): matched by its hash in
 * `api_keys`, revoked in the saving transaction and audited `apikey.auto_revoke` by the system with
 * where it was found (element and JSON path, never the key). The owner's notice leaves after the
 * commit (notify.ts).
 */
import type { Finding } from '@postern/secrets';
import type { Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { isWellFormedApiKey } from '../../auth/api-key-format.ts';
import { hashToken } from '../../crypto/tokens.ts';
import type { Database } from '../../db/schema.ts';
import { pathOf } from './scan.ts';
import type { ScannedElement } from './statuses.ts';

/** A key this save revoked, for its owner's notice. */
export interface RevokedKey {
  keyId: string;
  keyName: string;
  /** The key's last characters, as the owner's key list shows them. */
  hint: string;
  owner: { email: string; name: string };
  element: { type: ScannedElement['type']; id: string; name: string };
  jsonPath: string;
}

export interface KeyCheck {
  /** Scanner fingerprints of the findings that are keys of this server (revoked now or before). */
  ours: Set<string>;
  /** The keys revoked by this call. */
  revoked: RevokedKey[];
}

/** Audit rows of automatic revocations have no user: the server acted. */
const SYSTEM: AuditContext = { actor: null, ip: null, userAgent: null };

const KEY_IN_TEXT = /pstn_[0-9A-Za-z]{38}/g;

/** The well-formed Postern keys in a finding's secret (usually the secret itself). */
function apiKeysIn(secret: string): string[] {
  if (isWellFormedApiKey(secret)) return [secret];
  return [...secret.matchAll(KEY_IN_TEXT)].map((m) => m[0]).filter(isWellFormedApiKey);
}

/**
 * Revokes the live Postern API keys among `findings` inside `trx` and audits each revocation.
 *
 * @example
 * const { ours, revoked } = await revokeLeakedApiKeys(trx, element, findings);
 * // after the commit: notifyRevokedKeys(deps.mailer, req.log, revoked)
 */
export async function revokeLeakedApiKeys(
  trx: Transaction<Database>,
  element: ScannedElement,
  findings: readonly Finding[],
): Promise<KeyCheck> {
  const byHash = new Map<string, Finding[]>();
  for (const finding of findings) {
    for (const key of apiKeysIn(finding.secret)) {
      const hash = hashToken(key);
      byHash.set(hash, [...(byHash.get(hash) ?? []), finding]);
    }
  }
  const check: KeyCheck = { ours: new Set(), revoked: [] };
  if (byHash.size === 0) return check;
  const rows = await trx
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select(['k.id', 'k.key_hash', 'k.name', 'k.hint', 'k.revoked_at', 'u.email', 'u.name as owner_name'])
    .where('k.key_hash', 'in', [...byHash.keys()])
    .execute();
  const now = new Date().toISOString();
  for (const row of rows) {
    const found = byHash.get(row.key_hash) ?? [];
    for (const f of found) check.ours.add(f.fingerprint);
    if (row.revoked_at) continue;
    const result = await trx
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    const jsonPath = found[0] ? pathOf(found[0]) : '';
    await recordAudit(trx, SYSTEM, {
      action: 'apikey.auto_revoke',
      teamId: element.teamId,
      workspaceId: element.workspaceId,
      target: { type: 'apikey', id: row.id },
      message: `Postern revoked API key "${row.name}": it was found in ${element.type} ${element.id} at ${jsonPath || '(text)'}`,
      data: {
        keyName: row.name,
        foundIn: { elementType: element.type, elementId: element.id, jsonPaths: found.map(pathOf) },
      },
    });
    check.revoked.push({
      keyId: row.id,
      keyName: row.name,
      hint: row.hint,
      owner: { email: row.email, name: row.owner_name },
      element: { type: element.type, id: element.id, name: element.name },
      jsonPath,
    });
  }
  return check;
}
