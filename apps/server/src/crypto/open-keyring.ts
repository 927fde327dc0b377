/** Startup of the server's encryption: the master key checked against the database, then the keyring. */
import { createKeyring, type Keyring } from './keyring.ts';
import { type OpenMasterKeyInput, openMasterKey } from './open-master-key.ts';

/**
 * @example
 * const { keyring, notice } = await openKeyring({ db, dataDir: config.dataDir, env: process.env });
 * if (notice) console.log(notice); // set when this start generated the key file
 */
export async function openKeyring(
  input: Omit<OpenMasterKeyInput, 'create'>,
): Promise<{ keyring: Keyring; notice?: string }> {
  const opened = await openMasterKey({ ...input, create: true });
  const keyring = createKeyring({
    db: input.db,
    kek: opened.provider,
    fingerprintKey: opened.fingerprintKey,
  });
  if (!opened.createdFile) return { keyring };
  return {
    keyring,
    notice:
      `Generated a master key in ${opened.createdFile} (key ${opened.provider.current().id}). Back it up ` +
      'apart from the database: without it the secrets stored here cannot be read.',
  };
}
