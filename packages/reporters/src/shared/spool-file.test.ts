import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SpoolFile } from './spool-file.ts';

async function drain(spool: SpoolFile): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await spool.pipeTo(sink);
  return Buffer.concat(chunks).toString('utf8');
}

describe('SpoolFile', () => {
  it('gives back everything appended, in order, across flushes', async () => {
    const spool = new SpoolFile('test');
    const big = 'x'.repeat(70 * 1024);
    spool.append('a,');
    spool.append(big);
    spool.append(',z');
    expect(spool.entries).toBe(3);
    expect(await drain(spool)).toBe(`a,${big},z`);
    spool.dispose();
  });

  it('reads entries back line by line', async () => {
    const spool = new SpoolFile('lines');
    spool.append('{"a":1}\n');
    spool.append('{"a":2}\n');
    const lines: string[] = [];
    for await (const line of spool.lines()) lines.push(line);
    expect(lines).toEqual(['{"a":1}', '{"a":2}']);
    spool.dispose();
  });

  it('removes its temporary file on dispose, and refuses appends after', () => {
    const spool = new SpoolFile('gone');
    spool.append('data');
    expect(existsSync(spool.path)).toBe(true);
    spool.dispose();
    spool.dispose();
    expect(existsSync(spool.path)).toBe(false);
    expect(() => spool.append('more')).toThrow(/closed/);
  });
});
