/**
 * Delivers run events to the listener while keeping the statistics, and — with parallel
 * iterations — holds back the events of iterations that run ahead so reports read in order.
 */
import type { Failure, ReceivedResponse, RunListener } from '../events.ts';
import type { StatName, StatsTracker } from './stats.ts';

type EventName = Exclude<keyof RunListener, 'done'>;
type Payload<K extends EventName> = Parameters<NonNullable<RunListener[K]>>[0];
type Pending = { name: EventName; payload: unknown };

/** The events of one iteration go through a sink: straight to the listener, or into a buffer. */
export interface IterationSink {
  emit<K extends EventName>(name: K, payload: Payload<K>): void;
  /** Counts a failure and reports it (in order with the other events). */
  fail(failure: Failure): void;
  begin(stat: StatName): void;
  end(stat: StatName, failed?: boolean): void;
  /** Adds a response to the transfer and timing statistics. */
  recordResponse(response: ReceivedResponse, phases?: { firstByte?: number; dns?: number }): void;
}

export class RunEmitter {
  /** The iteration whose events are delivered live; later ones are buffered until it completes. */
  private head = 0;
  private readonly buffers = new Map<number, Pending[]>();
  private readonly completed = new Set<number>();
  /** Lanes waiting for the head to advance (see `whenWithin`), with the head they wait for. */
  private waiters: Array<{ head: number; resolve: () => void }> = [];
  private released = false;

  constructor(
    private readonly listener: RunListener,
    readonly stats: StatsTracker,
  ) {}

  /** Events outside any iteration (start). */
  emitNow<K extends EventName>(name: K, payload: Payload<K>): void {
    deliver(this.listener, name, payload);
  }

  sink(iteration: number): IterationSink {
    const push = (name: EventName, payload: unknown): void => {
      if (iteration === this.head) deliver(this.listener, name, payload);
      else {
        const buf = this.buffers.get(iteration);
        if (buf) buf.push({ name, payload });
        else this.buffers.set(iteration, [{ name, payload }]);
      }
    };
    return {
      emit: (name, payload) => push(name, payload),
      fail: (failure) => {
        this.stats.failureCount += 1;
        push('failure', failure);
      },
      begin: (stat) => this.stats.begin(stat),
      end: (stat, failed) => this.stats.end(stat, failed),
      recordResponse: (response, phases) => this.stats.recordResponse(response, phases),
    };
  }

  /**
   * Back-pressure for parallel lanes: resolves once `iteration` is fewer than `window` iterations
   * ahead of the one delivered live, so a slow iteration cannot make the others buffer without bound.
   * Returns undefined when there is no need to wait.
   */
  whenWithin(iteration: number, window: number): Promise<void> | undefined {
    const head = iteration - window + 1;
    if (this.released || head <= this.head) return undefined;
    return new Promise((resolve) => this.waiters.push({ head, resolve }));
  }

  /** Lets every waiting lane go (the run is stopping and the head may never complete). */
  release(): void {
    this.released = true;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Marks an iteration finished; flushes the buffered iterations that are now next in line. */
  complete(iteration: number): void {
    this.completed.add(iteration);
    while (this.completed.has(this.head)) {
      this.completed.delete(this.head);
      this.head += 1;
      const buf = this.buffers.get(this.head);
      if (buf) {
        this.buffers.delete(this.head);
        for (const p of buf) deliver(this.listener, p.name, p.payload);
      }
    }
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.head <= this.head);
      if (ready.length > 0) {
        this.waiters = this.waiters.filter((w) => w.head > this.head);
        for (const w of ready) w.resolve();
      }
    }
  }
}

function deliver(listener: RunListener, name: EventName, payload: unknown): void {
  const fn = listener[name] as ((p: unknown) => void) | undefined;
  fn?.call(listener, payload);
}
