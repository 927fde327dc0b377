import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchOutput } from './batched-output.ts';

/** A stream that records each write it receives. */
function recorder(options: { isTTY?: boolean; highWaterMark?: number } = {}) {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  }) as Writable & { isTTY?: boolean };
  if (options.isTTY) stream.isTTY = true;
  return { stream, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batchOutput', () => {
  it('leaves a terminal as it is', () => {
    const { stream } = recorder({ isTTY: true });
    expect(batchOutput(stream).stream).toBe(stream);
  });

  it('writes the lines of one event-loop turn at once, in order', async () => {
    const { stream, writes } = recorder();
    const output = batchOutput(stream);
    expect(output.stream.isTTY).toBe(false);
    output.stream.write('a\n');
    output.stream.write('b\n');
    output.stream.write(Buffer.from('c\n'));
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n']);
    output.stream.write('d\n');
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('flush writes what is pending at once and waits for the target to drain', async () => {
    const { stream, writes } = recorder({ highWaterMark: 4 });
    const output = batchOutput(stream);
    output.stream.write('summary table\n');
    const flushed = output.flush();
    expect(writes.join('')).toBe('summary table\n');
    await flushed;
    expect(stream.writableLength).toBe(0);
  });

  it('does not hold more than 64K characters, and calls write callbacks', async () => {
    const { stream, writes } = recorder();
    const output = batchOutput(stream);
    const big = 'x'.repeat(70 * 1024);
    let called = false;
    output.stream.write(big, () => {
      called = true;
    });
    expect(writes).toEqual([big]);
    await nextTurn();
    expect(called).toBe(true);
  });
});
