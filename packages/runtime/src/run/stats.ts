/**
 * Newman's run statistics, kept as counters while events flow (nothing per execution is retained).
 */
import type { ReceivedResponse, RunStats, RunTimings, StatCounter } from '../events.ts';

const counter = (): StatCounter => ({ total: 0, pending: 0, failed: 0 });

export type StatName = keyof RunStats;

/** Running mean/min/max/standard deviation, updated as Newman's summary does (Welford). */
class RunningStat {
  count = 0;
  average = 0;
  min = 0;
  max = 0;
  private m2 = 0;

  add(value: number): void {
    if (!value) return;
    this.count += 1;
    const delta = value - this.average;
    this.average += delta / this.count;
    this.m2 += delta * (value - this.average);
    this.min = this.count === 1 ? value : Math.min(this.min, value);
    this.max = Math.max(this.max, value);
  }

  get sd(): number {
    return this.count > 0 ? Math.sqrt(this.m2 / this.count) : 0;
  }
}

export class StatsTracker {
  readonly stats: RunStats = {
    iterations: counter(),
    items: counter(),
    scripts: counter(),
    prerequests: counter(),
    requests: counter(),
    tests: counter(),
    assertions: counter(),
    testScripts: counter(),
    prerequestScripts: counter(),
  };
  readonly started = Date.now();
  responseTotal = 0;
  failureCount = 0;
  private readonly response = new RunningStat();
  private readonly firstByte = new RunningStat();
  private readonly dns = new RunningStat();

  begin(name: StatName): void {
    this.stats[name].pending += 1;
  }

  end(name: StatName, failed = false): void {
    const c = this.stats[name];
    if (c.pending) c.pending -= 1;
    c.total += 1;
    if (failed) c.failed += 1;
  }

  recordResponse(response: ReceivedResponse, phases?: { firstByte?: number; dns?: number }): void {
    this.responseTotal += response.responseSize;
    this.response.add(response.responseTime);
    if (phases?.firstByte) this.firstByte.add(phases.firstByte);
    if (phases?.dns) this.dns.add(phases.dns);
  }

  timings(): RunTimings & Record<string, number | undefined> {
    return {
      started: this.started,
      completed: Date.now(),
      responseAverage: this.response.average,
      responseMin: this.response.min,
      responseMax: this.response.max,
      responseSd: this.response.sd,
      dnsAverage: this.dns.average,
      dnsMin: this.dns.min,
      dnsMax: this.dns.max,
      dnsSd: this.dns.sd,
      firstByteAverage: this.firstByte.average,
      firstByteMin: this.firstByte.min,
      firstByteMax: this.firstByte.max,
      firstByteSd: this.firstByte.sd,
    };
  }
}
