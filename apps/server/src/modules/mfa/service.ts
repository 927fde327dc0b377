/**
 * TOTP enrolment for the signed-in user: start (a pending secret, not yet required at sign-in),
 * confirm with a first code (MFA on, ten recovery codes), and turn off (with a code or the password).
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/record.ts';
import { assertLoginAllowed, recordLoginFailure } from '../../auth/login-throttle.ts';
import type { Keyring } from '../../crypto/keyring.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { verifyPassword } from '../users/passwords.ts';
import type { UserRow } from '../users/repository.ts';
import { deleteRecoveryCodes, replaceRecoveryCodes } from './recovery-codes.ts';
import { sealTotpSecret } from './secret-store.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { acceptTotpCode } from './verify-totp.ts';

export interface MfaDeps {
  db: Kysely<Database>;
  keyring: Keyring;
}

/** Audits a wrong code or password on an MFA route. */
async function auditMfaFailure(db: Kysely<Database>, ctx: AuditContext, user: UserRow, reason: string) {
  await inTransaction(db, (trx) =>
    recordAudit(trx, ctx, {
      action: 'user.mfa_failed',
      outcome: 'failure',
      target: { type: 'user', id: user.id },
      data: { reason },
    }),
  );
}

/** A new pending secret (replacing an unconfirmed one); 409 when MFA is already on. */
export async function startTotpEnrolment(
  { db, keyring }: MfaDeps,
  ctx: AuditContext,
  user: UserRow,
): Promise<{ secret: string; otpauthUrl: string }> {
  if (user.totp_enabled_at)
    throw new AppError('conflict', 'Two-factor authentication is already on; turn it off first');
  const secret = newTotpSecret();
  await inTransaction(db, async (trx) => {
    const sealed = await sealTotpSecret(keyring, user.id, secret, trx);
    await trx
      .updateTable('users')
      .set({ totp_secret_enc: sealed, totp_last_step: null })
      .where('id', '=', user.id)
      .where('totp_enabled_at', 'is', null)
      .execute();
    await recordAudit(trx, ctx, { action: 'user.mfa_setup', target: { type: 'user', id: user.id } });
  });
  return { secret, otpauthUrl: totpUri(user.email, secret) };
}

/** Turns MFA on when `code` matches the pending secret; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(
  { db, keyring }: MfaDeps,
  ctx: AuditContext,
  user: UserRow,
  code: string,
): Promise<string[]> {
  if (user.totp_enabled_at) throw new AppError('conflict', 'Two-factor authentication is already on');
  if (!user.totp_secret_enc)
    throw new AppError('conflict', 'Start with POST /api/me/mfa/totp, then confirm a code from your app');
  if (!(await acceptTotpCode(db, keyring, user, code))) {
    await auditMfaFailure(db, ctx, user, 'wrong_totp_on_confirm');
    throw new AppError(
      'invalidCode',
      'The code does not match; check the time on your device and try the next code',
    );
  }
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ totp_enabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new AppError('conflict', 'Two-factor authentication is already on');
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAudit(trx, ctx, {
      action: 'user.mfa_enabled',
      target: { type: 'user', id: user.id },
      data: { method: 'totp' },
    });
    return codes;
  });
}

/** Turns MFA off after a current code or the password (checked with the sign-in back-off). */
export async function disableTotp(
  { db, keyring }: MfaDeps,
  ctx: AuditContext,
  reply: FastifyReply,
  user: UserRow,
  proof: { code: string } | { password: string },
): Promise<void> {
  if (!user.totp_enabled_at) throw new AppError('conflict', 'Two-factor authentication is not on');
  await assertLoginAllowed(db, { email: user.email, ip: ctx.ip }, reply);
  const ok =
    'code' in proof
      ? await acceptTotpCode(db, keyring, user, proof.code)
      : Boolean(user.password_hash) && (await verifyPassword(user.password_hash ?? '', proof.password));
  if (!ok) {
    await recordLoginFailure(db, { email: user.email, ip: ctx.ip });
    await auditMfaFailure(
      db,
      ctx,
      user,
      'code' in proof ? 'wrong_totp_on_disable' : 'wrong_password_on_disable',
    );
    throw 'code' in proof
      ? new AppError('invalidCode', 'The code does not match')
      : new AppError('wrongPassword', 'The password is wrong');
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', user.id)
      .execute();
    await deleteRecoveryCodes(trx, user.id);
    await recordAudit(trx, ctx, { action: 'user.mfa_disabled', target: { type: 'user', id: user.id } });
  });
}
