/** A cli-progress bar over the run's items, shared by the `progress` reporter and the CLI's compact mode. */
import cliProgress from 'cli-progress';

export interface RunProgressBar {
  /** One item finished; `failures` is the running failure count shown next to the bar. */
  tick(failures: number): void;
  /** A line printed above the bar (cli-progress keeps the bar below it). */
  log(line: string): void;
  stop(): void;
}

/**
 * Starts a bar of `total` steps drawn on `stream`; a no-op bar when `stream` is not a TTY.
 * A one-bar MultiBar rather than a SingleBar: it can print log lines above the bar without the
 * two fighting over the cursor.
 *
 * @example
 * const bar = startProgressBar(process.stdout, 5000);
 * bar.tick(0);
 * bar.stop();
 */
export function startProgressBar(stream: NodeJS.WritableStream, total: number): RunProgressBar {
  // A bar only makes sense on a terminal (and cli-progress would still print its final state elsewhere).
  if ((stream as { isTTY?: boolean }).isTTY !== true) return { tick() {}, log() {}, stop() {} };
  const bars = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: 'progress [{bar}] {percentage}% | ETA: {eta}s | {value}/{total} | failures: {failures}',
      hideCursor: false,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  const bar = bars.create(Math.max(total, 1), 0, { failures: 0 });
  let stopped = false;
  return {
    tick(failures) {
      if (!stopped) bar.increment(1, { failures });
    },
    log(line) {
      if (!stopped) bars.log(line.endsWith('\n') ? line : `${line}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Flush log lines still waiting for the next redraw, then draw the final bar.
      bars.update();
      bars.stop();
    },
  };
}
