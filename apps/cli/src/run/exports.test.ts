import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '@postern/collection';
import type { RunSummary } from '@postern/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { scopeExport, writeExports } from './exports.ts';

const work = mkdtempSync(join(tmpdir(), 'postern-exports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const summary = {
  environment: {
    id: 'e1',
    name: 'dev',
    values: [
      { key: 'a', value: '1', type: 'default' },
      { key: 'token', value: 'hunter2-secret', type: 'secret' },
      { key: 'n', value: 3 },
    ],
  },
  collectionVariables: [],
} as unknown as RunSummary;

describe('scopeExport', () => {
  it("has Postman's environment export shape, keeping types and secret values", () => {
    const at = new Date('2024-01-02T03:04:05.678Z');
    expect(scopeExport('environment', summary.environment, at)).toEqual({
      id: 'e1',
      name: 'dev',
      values: [
        { key: 'a', value: '1', type: 'default', enabled: true },
        { key: 'token', value: 'hunter2-secret', type: 'secret', enabled: true },
        { key: 'n', value: 3, type: 'default', enabled: true },
      ],
      _postman_variable_scope: 'environment',
      _postman_exported_at: '2024-01-02T03:04:05.678Z',
      _postman_exported_using: expect.stringMatching(/^Postern\/\d+\.\d+\.\d+$/),
    });
  });

  it('exports an empty named scope when the run had none', () => {
    const exported = scopeExport('globals', undefined, new Date());
    expect(exported).toMatchObject({ name: 'globals', values: [], _postman_variable_scope: 'globals' });
    expect(exported.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('writeExports', () => {
  const collection = { info: { name: 'c' }, item: [], event: [], variable: [] } as unknown as Collection;

  it('creates missing folders and resolves relative paths against cwd', async () => {
    await writeExports({ exportEnvironment: 'deep/er/env.json' }, summary, collection, work);
    const written = JSON.parse(readFileSync(join(work, 'deep/er/env.json'), 'utf8'));
    expect(written.name).toBe('dev');
  });

  it('writes a timestamped file inside a path that is an existing folder', async () => {
    const folder = join(work, 'folder');
    mkdirSync(folder);
    await writeExports({ exportGlobals: folder }, summary, collection, work);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^postern-globals-[\d-]+\.json$/)]);
  });

  it('fails with EXPORT_FAILED naming the path when it cannot write', async () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'x');
    await expect(
      writeExports({ exportEnvironment: join(blocker, 'env.json') }, summary, collection, work),
    ).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      exitCode: 1,
      message: expect.stringContaining(blocker),
    });
  });
});
