import { hash, verify } from '@node-rs/argon2';

export {
  MIN_PASSWORD_LENGTH,
  /** The length rule only (synchronous); the whole policy is `assertStrongPassword`. */
  passwordLengthProblem as passwordProblem,
} from '../password/policy.ts';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(hashed: string, password: string): Promise<boolean> {
  return verify(hashed, password).catch(() => false);
}
