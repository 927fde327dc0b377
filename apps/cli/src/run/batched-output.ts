/**
 * Reporter output to a file or pipe, gathered and written once per turn of the event loop instead
 * of once per line. A run prints several lines per request; each write costs a pass through Node's
 * stream machinery and a system call, and the batch is written while the next request is on the
 * wire. Terminals get every write at once (progress bars draw on them, and people watch them).
 */
import { EventEmitter } from 'node:events';

/** Flush at once past this many characters: long outputs (summary tables, logs) stay bounded. */
const FLUSH_AT = 64 * 1024;

type Target = NodeJS.WritableStream & { isTTY?: boolean };

/** The stream reporters write to, with the means to push out what it holds. */
export interface BatchedOutput {
  stream: Target;
  /** Writes what is pending and resolves once the target has taken it. */
  flush(): Promise<void>;
}

/**
 * Wraps `target` (unchanged when it is a TTY).
 * @example
 * const output = batchOutput(process.stdout);
 * reporterContext.stdout = output.stream;
 * await output.flush(); // before anything else is written to the terminal
 */
export function batchOutput(target: Target): BatchedOutput {
  if (target.isTTY === true) return { stream: target, flush: () => Promise.resolve() };
  let pending: string[] = [];
  let length = 0;
  let scheduled = false;
  /** Hands what is pending to the target; false when the target asks to wait for 'drain'. */
  const writePending = (): boolean => {
    scheduled = false;
    if (pending.length === 0) return true;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join('');
    pending = [];
    length = 0;
    return target.write(text);
  };
  const stream = Object.assign(new EventEmitter(), {
    isTTY: false,
    writable: true,
    write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      pending.push(text);
      length += text.length;
      if (length >= FLUSH_AT) writePending();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(writePending);
      }
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') setImmediate(done as () => void);
      return true;
    },
  }) as unknown as Target;
  return {
    stream,
    flush: () =>
      writePending() ? Promise.resolve() : new Promise<void>((resolve) => target.once('drain', resolve)),
  };
}
