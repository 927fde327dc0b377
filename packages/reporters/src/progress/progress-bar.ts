/** A cli-progress bar over the run's items, shared by the `progress` reporter and the CLI's compact mode. */
import cliProgress from 'cli-progress';

export interface RunProgressBar {
  /** One item finished; `failures` is the running failure count shown next to the bar. */
  tick(failures: number): void;
  stop(): void;
}

/**
 * Starts a bar of `total` steps drawn on `stream` (only when it is a TTY, as cli-progress does).
 *
 * @example
 * const bar = startProgressBar(process.stdout, 5000);
 * bar.tick(0);
 * bar.stop();
 */
export function startProgressBar(stream: NodeJS.WritableStream, total: number): RunProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: 'progress [{bar}] {percentage}% | ETA: {eta}s | {value}/{total} | failures: {failures}',
      hideCursor: false,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  bar.start(Math.max(total, 1), 0, { failures: 0 });
  let stopped = false;
  return {
    tick(failures) {
      if (!stopped) bar.increment(1, { failures });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
