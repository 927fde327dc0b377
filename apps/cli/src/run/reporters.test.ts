import type { Reporter } from '@postern/reporters';
import { describe, expect, it } from 'vitest';
import { closeReporters, fanOut, type NamedReporter } from './reporters.ts';

const cursor = { position: 0, iteration: 0, length: 1, cycles: 1, ref: 'r' };

describe('fanOut', () => {
  it('forwards each event to every reporter that handles it, in order, keeping `this`', () => {
    const seen: string[] = [];
    class Recording implements Reporter {
      constructor(readonly label: string) {}
      beforeIteration(): void {
        seen.push(`${this.label}:beforeIteration`);
      }
    }
    const onlyStart: Reporter = { start: () => seen.push('b:start') };
    const { listener } = fanOut([
      { name: 'a', reporter: new Recording('a') },
      { name: 'b', reporter: onlyStart },
      { name: 'c', reporter: new Recording('c') },
    ]);
    listener.beforeIteration?.({ cursor });
    listener.start?.({ cursor, collection: { id: '1', name: 'c' } });
    expect(seen).toEqual(['a:beforeIteration', 'c:beforeIteration', 'b:start']);
  });

  it('leaves events no reporter handles undefined', () => {
    const { listener } = fanOut([{ name: 'a', reporter: { assertion: () => {} } }]);
    expect(listener.assertion).toBeTypeOf('function');
    expect(listener.request).toBeUndefined();
    expect(listener.done).toBeUndefined();
  });

  it('awaits every done and keeps the first failure instead of throwing', async () => {
    const finished: string[] = [];
    const reporters: NamedReporter[] = [
      {
        name: 'slow',
        reporter: {
          done: async () => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            finished.push('slow');
          },
        },
      },
      {
        name: 'broken',
        reporter: {
          done: () => {
            throw new Error('disk full');
          },
        },
      },
    ];
    const { listener, doneFailure } = fanOut(reporters);
    const summary = {} as Parameters<NonNullable<Reporter['done']>>[0]['summary'];
    await listener.done?.({ summary });
    expect(finished).toEqual(['slow']);
    expect(doneFailure()?.message).toBe('the broken reporter failed: disk full');
    expect(doneFailure()?.exitCode).toBe(1);
  });
});

describe('closeReporters', () => {
  it('awaits every close and reports a failure with the reporter name', async () => {
    let closed = false;
    const reporters: NamedReporter[] = [
      {
        name: 'json',
        reporter: {
          close: async () => {
            closed = true;
          },
        },
      },
      { name: 'html', reporter: { close: () => Promise.reject(new Error('EACCES')) } },
    ];
    await expect(closeReporters(reporters)).rejects.toThrow('the html reporter failed: EACCES');
    expect(closed).toBe(true);
  });
});
