import type { VariableList } from '@postern/collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf, payloads, type RunTestServer, recordRun, startRunTestServer } from './run-testing.ts';

let server: RunTestServer;
beforeAll(async () => {
  server = await startRunTestServer();
});
afterAll(() => server.close());

const list = (values: Record<string, string>, name?: string): VariableList => ({
  ...(name ? { name, id: `${name}-id` } : {}),
  values: Object.entries(values).map(([key, value]) => ({ key, value })),
});

/** The query string each request of the run arrived with, parsed. */
function queriesOf(urls: string[]): Array<Record<string, string>> {
  return urls.map((u) => Object.fromEntries(new URL(u, 'http://x').searchParams));
}

describe('references to variables without a value', () => {
  it("are replaced by nothing, null by 'null'; a data row's null and unknown names stay as written", async () => {
    const collection = collectionOf([
      {
        name: 'p',
        url: `${server.origin}/echo?none={{none}}&nul={{nul}}&dataNull={{dataNull}}&unknown={{unknown}}`,
      },
    ]);
    const { events } = await recordRun({
      collection,
      environment: { values: [{ key: 'none' }, { key: 'nul', value: null }] } as unknown as VariableList,
      iterationData: [{ dataNull: null }],
    });
    const urls = payloads(events, 'request').map((p) => p.request?.url ?? '');
    expect(queriesOf(urls)).toEqual([
      { none: '', nul: 'null', dataNull: '{{dataNull}}', unknown: '{{unknown}}' },
    ]);
  });
});

describe('variable precedence', () => {
  it('resolves local > data > environment > collection > globals', async () => {
    const collection = collectionOf(
      [
        {
          name: 'p',
          url: `${server.origin}/echo?all={{all}}&noLocal={{noLocal}}&noData={{noData}}&noEnv={{noEnv}}&onlyG={{onlyG}}&none={{none}}`,
          prerequest: "pm.variables.set('all', 'local');",
        },
      ],
      {
        variable: [
          { key: 'all', value: 'collection' },
          { key: 'noLocal', value: 'collection' },
          { key: 'noData', value: 'collection' },
          { key: 'noEnv', value: 'collection' },
        ],
      },
    );
    const { events } = await recordRun({
      collection,
      globals: list({
        all: 'globals',
        noLocal: 'globals',
        noData: 'globals',
        noEnv: 'globals',
        onlyG: 'globals',
      }),
      environment: list({ all: 'env', noLocal: 'env', noData: 'env' }),
      iterationData: [{ all: 'data', noLocal: 'data' }],
    });
    const [query] = queriesOf(payloads(events, 'request').map((p) => p.request.url));
    expect(query).toEqual({
      all: 'local',
      noLocal: 'data',
      noData: 'env',
      noEnv: 'collection',
      onlyG: 'globals',
      none: '{{none}}',
    });
  });

  it('applies envVar and globalVar over the files, and adds new keys', async () => {
    const collection = collectionOf([
      { name: 'p', url: `${server.origin}/echo?e={{e}}&g={{g}}&n={{n}}&h={{h}}` },
    ]);
    const { events, summary } = await recordRun({
      collection,
      environment: list({ e: 'file', h: 'kept' }),
      globals: list({ g: 'file' }),
      envVar: [
        { key: 'e', value: 'cli' },
        { key: 'n', value: 'new' },
      ],
      globalVar: [{ key: 'g', value: 'cli-global' }],
    });
    const [query] = queriesOf(payloads(events, 'request').map((p) => p.request.url));
    expect(query).toEqual({ e: 'cli', g: 'cli-global', n: 'new', h: 'kept' });
    expect(summary.environment?.values).toContainEqual(expect.objectContaining({ key: 'e', value: 'cli' }));
    expect(summary.globals?.values).toContainEqual(
      expect.objectContaining({ key: 'g', value: 'cli-global' }),
    );
  });
});

describe('iteration data', () => {
  it('runs one iteration per row by default, with pm.iterationData and {{column}}', async () => {
    const collection = collectionOf([
      {
        name: 'p',
        url: `${server.origin}/echo?user={{user}}`,
        test: "pm.test('row ' + pm.iterationData.get('user'), () => {});",
      },
    ]);
    const { events, summary } = await recordRun({
      collection,
      iterationData: [{ user: 'ann' }, { user: 'bob' }, { user: 'cy' }],
    });
    expect(summary.stats.iterations.total).toBe(3);
    expect(queriesOf(payloads(events, 'request').map((p) => p.request.url)).map((q) => q.user)).toEqual([
      'ann',
      'bob',
      'cy',
    ]);
    expect(payloads(events, 'assertion').map((p) => p.assertion.name)).toEqual([
      'row ann',
      'row bob',
      'row cy',
    ]);
  });

  it('repeats the last row when iterationCount exceeds the rows', async () => {
    const collection = collectionOf([{ name: 'p', url: `${server.origin}/echo?user={{user}}` }]);
    const { events } = await recordRun({
      collection,
      iterationData: [{ user: 'ann' }, { user: 'bob' }],
      iterationCount: 4,
    });
    expect(queriesOf(payloads(events, 'request').map((p) => p.request.url)).map((q) => q.user)).toEqual([
      'ann',
      'bob',
      'bob',
      'bob',
    ]);
  });

  it('uses only the first rows when iterationCount is smaller', async () => {
    const collection = collectionOf([{ name: 'p', url: `${server.origin}/echo?user={{user}}` }]);
    const { events } = await recordRun({
      collection,
      iterationData: [{ user: 'ann' }, { user: 'bob' }],
      iterationCount: 1,
    });
    expect(payloads(events, 'request').map((p) => new URL(p.request.url).searchParams.get('user'))).toEqual([
      'ann',
    ]);
  });
});

describe('scopes across the run', () => {
  it('carries script changes to later items and to the summary', async () => {
    const collection = collectionOf(
      [
        {
          name: 'set',
          url: `${server.origin}/a`,
          test: [
            "pm.environment.set('token', 'abc');",
            "pm.environment.unset('drop');",
            "pm.globals.set('g2', 'two');",
            "pm.collectionVariables.set('cv', 'changed');",
            "pm.variables.set('loc', 'L');",
          ].join('\n'),
        },
        {
          name: 'use',
          url: `${server.origin}/echo?t={{token}}&g={{g2}}&cv={{cv}}&loc={{loc}}&drop={{drop}}`,
        },
      ],
      { variable: [{ key: 'cv', value: 'original' }] },
    );
    const environment = list({ drop: 'me', keep: 'yes' }, 'Staging');
    const globals = list({ g1: 'one' }, 'Globals');
    const { events, summary } = await recordRun({ collection, environment, globals });
    const use = payloads(events, 'request')[1];
    expect(new URL(use?.request.url ?? '').search).toBe('?t=abc&g=two&cv=changed&loc=L&drop={{drop}}');

    expect(summary.environment?.name).toBe('Staging');
    expect(summary.environment?.id).toBe('Staging-id');
    const envValues = Object.fromEntries((summary.environment?.values ?? []).map((v) => [v.key, v.value]));
    expect(envValues).toEqual({ keep: 'yes', token: 'abc' });
    const globalValues = Object.fromEntries((summary.globals?.values ?? []).map((v) => [v.key, v.value]));
    expect(globalValues).toEqual({ g1: 'one', g2: 'two' });
    expect(summary.collectionVariables).toEqual([expect.objectContaining({ key: 'cv', value: 'changed' })]);
  });

  it('keeps script changes to the environment across iterations', async () => {
    const collection = collectionOf([
      {
        name: 'count',
        url: `${server.origin}/a`,
        prerequest: "pm.environment.set('n', Number(pm.environment.get('n') || 0) + 1);",
      },
    ]);
    const { summary } = await recordRun({ collection, iterationCount: 5 });
    expect(summary.environment?.values).toContainEqual(expect.objectContaining({ key: 'n', value: 5 }));
  });

  it('does not change the caller’s collection, environment or globals', async () => {
    const collection = collectionOf(
      [
        {
          name: 'set',
          url: `${server.origin}/a`,
          test: "pm.collectionVariables.set('cv', 'changed'); pm.collectionVariables.set('added', 1); pm.environment.set('e', 'changed'); pm.environment.set('e2', 'x'); pm.globals.unset('g');",
        },
      ],
      { variable: [{ key: 'cv', value: 'original' }] },
    );
    const environment = list({ e: 'original' });
    const globals = list({ g: 'original' });
    const before = JSON.stringify({ collection, environment, globals });
    const { summary } = await recordRun({
      collection,
      environment,
      globals,
      envVar: [{ key: 'e3', value: 'cli' }],
    });
    expect(summary.collectionVariables).toContainEqual(
      expect.objectContaining({ key: 'cv', value: 'changed' }),
    );
    expect(JSON.stringify({ collection, environment, globals })).toBe(before);
    expect(collection.variable).toEqual([expect.objectContaining({ key: 'cv', value: 'original' })]);
  });

  it('starts each run from the caller’s values', async () => {
    const collection = collectionOf(
      [
        {
          name: 'set',
          url: `${server.origin}/a`,
          test: "pm.collectionVariables.set('cv', pm.collectionVariables.get('cv') + '+');",
        },
      ],
      {
        variable: [{ key: 'cv', value: 'v' }],
      },
    );
    const first = await recordRun({ collection });
    const second = await recordRun({ collection });
    expect(first.summary.collectionVariables[0]?.value).toBe('v+');
    expect(second.summary.collectionVariables[0]?.value).toBe('v+');
  });
});
