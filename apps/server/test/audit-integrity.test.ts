import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../src/audit/checkpoints.ts';
import { checkpointMessage } from '../src/audit/signing-key.ts';
import { type AuditExport, verifyAuditExport } from '../src/audit/verify.ts';
import { startServer } from '../src/index.ts';
import { DATABASE_KINDS } from './databases.ts';
import { makeUser, newMember, signIn, startTestServer, type TestServer } from './helpers.ts';

const clone = (e: AuditExport): AuditExport => JSON.parse(JSON.stringify(e));

describe.each(DATABASE_KINDS)('audit trail integrity (%s)', (kind) => {
  let t: TestServer;
  let exported: AuditExport;
  beforeAll(async () => {
    t = await startTestServer(kind);
    const admin = await makeUser(t, { admin: true });
    const session = await signIn(t, admin.email);
    for (let i = 0; i < 3; i++) await newMember(t);
    const res = await session.get('/api/audit/export');
    expect(res.status).toBe(200);
    exported = res.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports a chain that verifies, with a signed checkpoint over its head', () => {
    expect(exported.rows.length).toBeGreaterThan(6);
    expect(exported.checkpoints.at(-1)?.size).toBe(exported.rows.at(-1)?.seq);
    expect(verifyAuditExport(exported)).toMatchObject({ ok: true, problems: [] });
    expect(verifyAuditExport(exported, exported.publicKey).ok).toBe(true);
  });

  it('keeps the signing key private (mode 0600) on SQLite data dirs', () => {
    expect(statSync(join(t.database.dataDir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
  });

  it('reports an edited, a deleted, a reordered and an inserted row', () => {
    const edited = clone(exported);
    edited.rows[1]!.message = 'nothing to see';
    expect(verifyAuditExport(edited).problems.join()).toMatch(/row 2: hash does not match/);
    const deleted = clone(exported);
    deleted.rows.splice(2, 1);
    expect(verifyAuditExport(deleted).ok).toBe(false);
    const swapped = clone(exported);
    [swapped.rows[2]!.seq, swapped.rows[3]!.seq] = [swapped.rows[3]!.seq, swapped.rows[2]!.seq];
    expect(verifyAuditExport(swapped).ok).toBe(false);
    const inserted = clone(exported);
    inserted.rows.splice(2, 0, { ...inserted.rows[2]!, id: 'forged' });
    expect(verifyAuditExport(inserted).ok).toBe(false);
  });

  it('reports a truncated tail even when the remaining chain is consistent', () => {
    const truncated = clone(exported);
    truncated.rows.pop();
    const result = verifyAuditExport(truncated);
    expect(result.ok).toBe(false);
    expect(result.problems.join()).toMatch(/truncated/);
  });

  it('reports a trail re-signed with another key when the public key is pinned', () => {
    const forged = clone(exported);
    const other = generateKeyPairSync('ed25519');
    forged.publicKey = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyAuditExport(forged).ok).toBe(false); // old signatures do not verify under the new key
    expect(verifyAuditExport(forged, exported.publicKey).problems.join()).toMatch(/another key/);
    const badSig = clone(exported);
    badSig.checkpoints[0]!.signature = Buffer.alloc(64).toString('base64');
    expect(verifyAuditExport(badSig).problems.join()).toMatch(/signature does not verify/);
    expect(checkpointMessage(3, 'ab')).toBe('postern-audit-checkpoint:3:ab');
  });

  it('writes checkpoints on a timer while events flow', async () => {
    const db = t.server.database.db;
    const before = await db.selectFrom('audit_checkpoints').select('size').execute();
    await newMember(t);
    const signer = { keyId: 'k', publicKeyPem: exported.publicKey, sign: () => 'c2ln' };
    const cp = startCheckpointer(
      db,
      signer,
      (e) => {
        throw e;
      },
      20,
    );
    await new Promise((r) => setTimeout(r, 120));
    await cp.stop();
    const after = await db.selectFrom('audit_checkpoints').select('size').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('refuses to start with a different signing key than the database was started with', async () => {
    if (kind === 'sqlite') {
      const other = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      await expect(
        startServer({
          version: 't',
          port: 0,
          dataDir: t.database.dataDir,
          log: () => {},
          env: { POSTERN_AUDIT_SIGNING_KEY: other },
        }),
      ).rejects.toThrow(/audit signing key does not match/);
    }
  });
});
