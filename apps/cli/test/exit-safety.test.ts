/**
 * `postern run` starts the script sandbox's isolate on its own thread before it reads its files;
 * bad input then ends the process while the isolate may still be booting. isolated-vm destroys a
 * disposed isolate later on its own thread, and a process exiting meanwhile died of SIGSEGV
 * (about one run in forty on a loaded machine) instead of exiting 2 with its message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postern } from './helpers.ts';

let work = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'postern-exit-'));
  writeFileSync(
    join(work, 'c.json'),
    JSON.stringify({
      info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'one', request: { method: 'GET', url: 'http://127.0.0.1:9/get' } }],
    }),
  );
  writeFileSync(join(work, 'broken-env.json'), '{"values": [');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('exiting while the sandbox boots', () => {
  it('bad input exits 2 with its message every time, never by a signal', async () => {
    const runs = 48;
    const codes: Array<number | null> = [];
    const lanes = Array.from({ length: 4 }, async () => {
      while (codes.length < runs) {
        codes.push(null);
        const slot = codes.length - 1;
        const { code, stderr } = await postern(['run', 'c.json', '-e', 'broken-env.json'], { cwd: work });
        codes[slot] = code;
        expect(stderr).toContain('broken-env.json');
      }
    });
    await Promise.all(lanes);
    expect(codes.filter((code) => code !== 2)).toEqual([]);
  }, 120_000);
});
