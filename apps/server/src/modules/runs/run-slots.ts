/**
 * How many server-side runs one process runs at once: each holds a script isolate (up to 128 MB)
 * and open connections, so a burst of runs queues nowhere and is refused with 429 instead.
 */
import { AppError } from '../../errors/app-error.ts';

export interface RunSlots {
  /** Takes a slot or throws `rateLimited`; call the returned function when the run ends. */
  acquire(): () => void;
}

/** @example const slots = createRunSlots(4); const release = slots.acquire(); try { … } finally { release(); } */
export function createRunSlots(max: number): RunSlots {
  let busy = 0;
  return {
    acquire() {
      if (busy >= max) {
        throw new AppError(
          'rateLimited',
          `${max} runs are in progress on this server; try again when one ends`,
        );
      }
      busy++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy--;
      };
    },
  };
}
