/**
 * An append-only temporary file for report parts that arrive event by event (executions, failures)
 * and are spliced into the final report at the end of the run.
 *
 * Writes are buffered and flushed synchronously in chunks: run events are synchronous callbacks, and an
 * async stream would queue every chunk in memory whenever events arrive faster than the disk drains,
 * which is exactly the 100,000-request case the reporters must survive with a flat heap.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLUSH_AT_BYTES = 64 * 1024;

export class SpoolFile {
  readonly path: string;
  private readonly dir: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Number of `append` calls so far (lets callers know whether a separator is needed). */
  entries = 0;

  /**
   * @example
   * const spool = new SpoolFile('executions');
   * spool.append('{"id":1}');
   * await spool.pipeTo(output);
   * spool.dispose();
   */
  constructor(label: string) {
    this.dir = mkdtempSync(join(tmpdir(), `postern-${label}-`));
    this.path = join(this.dir, `${label}.part`);
    this.fd = openSync(this.path, 'w');
  }

  append(text: string): void {
    if (this.fd === undefined) throw new Error(`spool ${this.path} is closed`);
    this.entries += 1;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT_BYTES) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Closes the file for writing and streams its content into `target` (left open). */
  async pipeTo(target: NodeJS.WritableStream): Promise<void> {
    this.flush();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    const source = createReadStream(this.path);
    for await (const chunk of source) {
      if (!target.write(chunk as Buffer)) await new Promise<void>((resolve) => target.once('drain', resolve));
    }
  }

  /** Closes the file for writing and yields it back line by line (for entries appended with a `\n`). */
  async *lines(): AsyncGenerator<string> {
    this.flush();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    // node:readline loads here, at the end of a run, rather than with every `postern run`
    const { createInterface } = createRequire(import.meta.url)(
      'node:readline',
    ) as typeof import('node:readline');
    const reader = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    for await (const line of reader) if (line !== '') yield line;
  }

  /** Deletes the temporary file and its folder. Safe to call more than once. */
  dispose(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    this.pending = [];
    rmSync(this.dir, { recursive: true, force: true });
  }
}
