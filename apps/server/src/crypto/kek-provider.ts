/**
 * Where the running process gets its KEK: `POSTERN_MASTER_KEY`, or `<data-dir>/master.key`. The
 * file source can follow a rotation done by `postern admin rotate-keys` while the server runs: it
 * re-reads `master.key` and `master.key.new` when the database names a KEK it does not hold.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { type Kek, kekFrom, kekMatches, MASTER_KEY_FILE, parseMasterKey, readKeyFile } from './master-key.ts';

export interface KekProvider {
  readonly kind: 'env' | 'file';
  /** `POSTERN_MASTER_KEY` or the key file's path, for messages. */
  readonly source: string;
  /** The KEK in use. */
  current(): Kek;
  /**
   * Looks for the KEK with this id (after a rotation by another process); makes it current and
   * returns it, or undefined when this source cannot provide it.
   */
  reload(wantedId: string): Kek | undefined;
  /**
   * At startup, when the current KEK does not match the database: finishes a rotation that
   * committed but was interrupted before `master.key.new` replaced `master.key`. True if it did.
   */
  recover(storedCheck: string): boolean;
}

/** The key given in the environment: fixed for the life of the process. */
export function environmentKekProvider(value: string, variable: string): KekProvider {
  const kek = kekFrom(parseMasterKey(value, variable));
  return {
    kind: 'env',
    source: variable,
    current: () => kek,
    reload: (wantedId) => (wantedId === kek.id ? kek : undefined),
    recover: () => false,
  };
}

/** The path of the key file in a data directory, and of the one a rotation writes beside it. */
export function keyFilePaths(dataDir: string): { path: string; next: string } {
  const path = join(dataDir, MASTER_KEY_FILE);
  return { path, next: `${path}.new` };
}

/** The key file (which must exist). */
export function fileKekProvider(dataDir: string): KekProvider {
  const { path, next } = keyFilePaths(dataDir);
  let kek = kekFrom(readKeyFile(path));
  /** The pending file may be half-written while a rotation runs: then it is not a candidate yet. */
  const pending = (): Kek | undefined => {
    if (!existsSync(next)) return undefined;
    try {
      return kekFrom(readKeyFile(next));
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'file',
    source: path,
    current: () => kek,
    reload(wantedId) {
      for (const candidate of [kekFrom(readKeyFile(path)), pending()]) {
        if (candidate?.id === wantedId) {
          kek = candidate;
          return kek;
        }
      }
      return undefined;
    },
    recover(storedCheck) {
      const candidate = pending();
      if (!candidate || !kekMatches(candidate, storedCheck)) return false;
      renameSync(next, path);
      kek = candidate;
      return true;
    },
  };
}
