/**
 * "Use without seeing" (SECURITY.md): a member who may read an environment but not reveal its
 * secrets may still run with them — but only collections whose scripts they cannot write, from the
 * environment's own workspace. Otherwise a script of theirs could print the secrets into a test
 * name or send them anywhere, and the masking would mean nothing.
 */
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { can, type ElementResource } from '../../policies/authorize.ts';

/**
 * Throws `forbidden` when the run would use shared secrets the actor may not reveal with a
 * collection that is not safe for that.
 *
 * @example assertMayUseSecrets(actor, collectionAccess, environmentAccess);
 */
export function assertMayUseSecrets(
  actor: Actor,
  collection: ElementResource<'collection'>,
  environment: ElementResource<'environment'>,
): void {
  if (can(actor, 'environment.reveal', environment)) return;
  if (collection.workspace.id === environment.workspace.id && !can(actor, 'collection.update', collection))
    return;
  throw new AppError(
    'forbidden',
    'This environment holds secrets you may not reveal: they can be used only by collections of its ' +
      'workspace that you cannot edit. Set your own private values for them, or ask an editor to run it.',
  );
}
