/**
 * Writes CLI output through the redactor, keeping Newman's console-block behaviour: consecutive
 * console messages share one `┌ … └` frame, which closes before anything else is printed.
 */
export class Printer {
  private pendingBlockEnd: string | undefined;

  /**
   * @example
   * const printer = new Printer(process.stdout, (t) => t);
   * printer.print('newman\n\n');
   */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly redact: (text: string) => string,
  ) {}

  /** Prints text, closing an open console frame first. */
  print(text: string): void {
    this.closeBlock();
    this.out.write(this.redact(text));
  }

  /** Prints inside a frame: `start` only when no frame is open; `end` is printed when it closes. */
  framed(start: string, end: string, text: string): void {
    if (this.pendingBlockEnd === undefined) this.out.write(this.redact(start));
    this.pendingBlockEnd = end;
    this.out.write(this.redact(text));
  }

  closeBlock(): void {
    if (this.pendingBlockEnd === undefined) return;
    this.out.write(this.pendingBlockEnd);
    this.pendingBlockEnd = undefined;
  }

  /** Prints text and waits for the stream to accept more (for long end-of-run output). */
  async printAndDrain(text: string): Promise<void> {
    this.closeBlock();
    if (!this.out.write(this.redact(text))) await new Promise<void>((done) => this.out.once('drain', done));
  }
}
