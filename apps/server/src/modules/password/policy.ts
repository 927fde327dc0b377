/**
 * The password policy (SECURITY.md "Identity"): at least 12 characters, not on the list of common
 * and breached passwords (also not such a password with digits or symbols around it), not one
 * character or short pattern repeated, and not the account's own email or name.
 */
import { AppError } from '../../errors/app-error.ts';
import { isCommonPassword } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/** Whose password it is, so it cannot simply be their email or name. */
export interface PasswordOwner {
  email?: string;
  name?: string;
}

/** The length rule alone (cheap, synchronous): why the password is refused, or undefined. */
export function passwordLengthProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** Letters and digits only, lower-cased: `Ada.Lovelace-1` → `adalovelace1`. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** A short unit repeated to fill the whole password (`abcabcabcabc`, `121212121212`). */
function isRepetition(text: string): boolean {
  for (let unit = 1; unit <= 4 && unit < text.length; unit++) {
    if (
      text ===
      text
        .slice(0, unit)
        .repeat(Math.ceil(text.length / unit))
        .slice(0, text.length)
    )
      return true;
  }
  return false;
}

/** The password without leading and trailing digits, symbols and spaces (`!!Password2024` → `password`). */
function core(password: string): string {
  return password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

function ownerWords(owner: PasswordOwner): string[] {
  const words = [owner.email, owner.email?.split('@')[0], owner.name];
  return words.map((w) => squash(w ?? '')).filter((w) => w.length >= 3);
}

/**
 * Why `password` is refused for `owner`, or undefined when it is acceptable.
 *
 * @example await passwordProblem('password1234') // 'This password is on a list of common …'
 * @example await passwordProblem('sea otters hold hands 7') // undefined
 */
export async function passwordProblem(
  password: string,
  owner: PasswordOwner = {},
): Promise<string | undefined> {
  const length = passwordLengthProblem(password);
  if (length) return length;
  const stripped = core(password);
  if ((await isCommonPassword(password)) || (stripped.length >= 4 && (await isCommonPassword(stripped))))
    return 'This password is on a list of common or breached passwords; choose another one (a few unrelated words work well)';
  const letters = squash(password);
  if (letters.length === 0 || isRepetition(letters) || isRepetition(password.toLowerCase()))
    return 'This password is a repeated character or pattern; choose another one';
  const own = ownerWords(owner);
  if (own.some((w) => letters === w || (letters.includes(w) && letters.length - w.length < 6)))
    return 'The password must not be your email address or name';
  return undefined;
}

/**
 * Throws 400 `weakPassword` with the reason when the policy refuses `password`.
 *
 * @example await assertStrongPassword(input.password, { email: input.email, name: input.name });
 */
export async function assertStrongPassword(password: string, owner: PasswordOwner = {}): Promise<void> {
  const problem = await passwordProblem(password, owner);
  if (problem) throw new AppError('weakPassword', problem);
}
