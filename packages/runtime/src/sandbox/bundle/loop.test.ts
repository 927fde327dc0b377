import { describe, expect, it, vi } from 'vitest';

const hostCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('./host.ts', () => ({ callHost: (...args: unknown[]) => hostCalls.push(args) }));

const { EventLoop } = await import('./loop.ts');

/** Runs every due callback until nothing is scheduled. */
async function drain(loop: InstanceType<typeof EventLoop>): Promise<void> {
  for (let due = loop.nextDueAt(); due !== null; due = loop.nextDueAt()) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    loop.runNext();
  }
}

describe('EventLoop callback errors', () => {
  it('hands a throwing timer callback to onCallbackError and keeps running the others', async () => {
    const loop = new EventLoop();
    const seen: unknown[] = [];
    const ran: string[] = [];
    loop.onCallbackError = (error) => seen.push(error);
    const { setTimeout: later, setImmediate: soon, setInterval: every, clearInterval } = loop.timerFunctions;
    later(() => {
      throw new TypeError('timer');
    }, 2);
    soon(() => {
      throw undefined;
    });
    let ticks = 0;
    const id = every(() => {
      ticks++;
      if (ticks === 2) clearInterval(id);
      throw ticks;
    }, 1);
    later(() => ran.push('last'), 10);
    await drain(loop);
    expect(ran).toEqual(['last']);
    expect(ticks).toBe(2);
    expect(seen).toHaveLength(4);
    expect(seen).toContainEqual(new TypeError('timer'));
    expect(seen).toContain(undefined);
    expect(loop.error).toBeUndefined();
  });

  it('does not make an operation callback error the execution error', () => {
    const loop = new EventLoop();
    const seen: unknown[] = [];
    loop.onCallbackError = (error) => seen.push(error);
    loop.startOp('sendRequest', { request: 'http://x/' }, () => {
      throw new SyntaxError('not JSON');
    });
    const [[, id]] = hostCalls.slice(-1) as [[string, number]];
    expect(loop.pendingOps).toBe(1);
    loop.deliver(id, [null, {}]);
    expect(loop.pendingOps).toBe(0);
    expect(seen).toEqual([new SyntaxError('not JSON')]);
    expect(loop.error).toBeUndefined();
  });

  it('ignores callback errors by default; fail() still records the first error', async () => {
    const loop = new EventLoop();
    loop.timerFunctions.setImmediate(() => {
      throw new Error('ignored');
    });
    await drain(loop);
    expect(loop.error).toBeUndefined();
    loop.fail(new Error('sync'));
    loop.fail(new Error('second'));
    expect(loop.error).toEqual({ error: new Error('sync') });
    loop.reset();
    expect(loop.error).toBeUndefined();
  });
});
