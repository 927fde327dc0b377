/** TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1: what authenticator apps expect) with otplib. */
import { generateSecret, generateURI, verify } from 'otplib';

/** Codes one step early or late still pass (clocks drift; people type slowly). */
const TOLERANCE_SECONDS = 30;

/** A new Base32 secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret();
}

/**
 * The `otpauth://` URI an authenticator app reads from a QR code.
 *
 * @example totpUri('ada@example.com', secret) // 'otpauth://totp/Postern:ada%40example.com?secret=…&issuer=Postern'
 */
export function totpUri(account: string, secret: string): string {
  return generateURI({ issuer: 'Postern', label: account, secret });
}

/**
 * The time step `code` belongs to, or undefined when it does not match. Steps at or before
 * `afterStep` never match, so a code cannot be used twice.
 *
 * @example const step = await matchTotp(secret, '123456', user.totp_last_step);
 */
export async function matchTotp(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | undefined> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}
