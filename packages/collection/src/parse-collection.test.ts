// biome-ignore lint/style/noRestrictedImports: tests read the conformance corpus from disk; the package itself stays browser-safe
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../test/shared-corpus.ts';
import { CollectionError } from './errors.ts';
import { toCollectionJson } from './export.ts';
import { decodeDocument, parseJsonDocument } from './json-document.ts';
import { type Collection, type Item, isItemGroup, type TreeNode } from './model.ts';
import { loadOptionalDependencies } from './optional-deps.ts';
import { parseCollection } from './parse-collection.ts';

// faker and the v1 converter load on demand; a test process loads them up front.
beforeAll(loadOptionalDependencies);

const CONFORMANCE = SHARED_CONFORMANCE;
const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as {
  Collection: new (
    json: unknown,
  ) => {
    forEachItem(
      fn: (item: { name: string; request: { method: string; url: { toString(): string } } }) => void,
    ): void;
  };
};

function findCollections(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findCollections(path);
    return entry.name.endsWith('.postman_collection.json') ? [path] : [];
  });
}

const readJson = (path: string): unknown => parseJsonDocument(decodeDocument(readFileSync(path)), path);

function leaves(nodes: TreeNode[]): Item[] {
  return nodes.flatMap((node) => (isItemGroup(node) ? leaves(node.item) : [node]));
}

function expectNormalised(nodes: TreeNode[]): void {
  for (const node of nodes) {
    expect(typeof node.id).toBe('string');
    expect(node.id).not.toBe('');
    expect(typeof node.name).toBe('string');
    expect(Array.isArray(node.event)).toBe(true);
    expect(Array.isArray(node.variable)).toBe(true);
    for (const event of node.event) expect(Array.isArray(event.script.exec)).toBe(true);
    if (isItemGroup(node)) expectNormalised(node.item);
    else {
      expect(typeof node.request.url.raw).toBe('string');
      expect(node.request.method).toBe(node.request.method.toUpperCase());
      expect(Array.isArray(node.request.header)).toBe(true);
    }
  }
}

const corpus = findCollections(CONFORMANCE);

describe('parseCollection on the conformance corpus', () => {
  it('finds the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(47);
  });

  it.each(corpus.map((path) => [path.slice(CONFORMANCE.length + 1), path]))('parses %s', (_name, path) => {
    const json = readJson(path);
    const collection = parseCollection(json);
    expectNormalised(collection.item);

    // Same requests, in the same order, with the same methods as Newman's SDK sees them.
    const expected: Array<[string, string]> = [];
    const reference = new sdk.Collection(
      (json as { requests?: unknown }).requests ? toCollectionJson(collection) : json,
    );
    reference.forEachItem((item) => expected.push([item.name ?? '', item.request.method]));
    expect(leaves(collection.item).map((item) => [item.name, item.request.method])).toEqual(expected);

    // Round trip: exporting and parsing again changes nothing.
    expect(parseCollection(toCollectionJson(collection))).toEqual(collection);
  });
});

describe('parseCollection normalisation', () => {
  const parse = (item: unknown[], extra: Record<string, unknown> = {}): Collection =>
    parseCollection({ info: { name: 'c', schema: 'x' }, item, ...extra });

  it('turns a string request into a GET with a parsed URL', () => {
    const [item] = leaves(parse([{ name: 'a', request: 'https://a.test/x?y=1' }]).item);
    expect(item?.request).toEqual({
      method: 'GET',
      header: [],
      url: {
        raw: 'https://a.test/x?y=1',
        protocol: 'https',
        host: ['a', 'test'],
        path: ['x'],
        query: [{ key: 'y', value: '1' }],
      },
    });
  });

  it('upper-cases methods, parses header blocks and splits string host and path', () => {
    const [item] = leaves(
      parse([
        {
          request: {
            method: 'post',
            header: 'Content-Type: application/json\nX-Id:  7 ',
            url: { host: '{{sub.domain}}.example.com', path: '/a/b', query: [{ key: 'k', value: 5 }] },
          },
        },
      ]).item,
    );
    expect(item?.request.method).toBe('POST');
    expect(item?.request.header).toEqual([
      { key: 'Content-Type', value: 'application/json' },
      { key: 'X-Id', value: '7' },
    ]);
    expect(item?.request.url).toMatchObject({
      raw: '{{sub.domain}}.example.com/a/b?k=5',
      host: ['{{sub.domain}}', 'example', 'com'],
      path: ['a', 'b'],
    });
  });

  it('converts v2.0 auth objects to v2.1 arrays and keeps v2.1 arrays', () => {
    const collection = parse(
      [
        {
          request: {
            url: 'http://x',
            auth: { type: 'basic', basic: { username: 'u', password: 'p', saveHelper: true } },
          },
        },
      ],
      { auth: { type: 'bearer', bearer: [{ key: 'token', value: 't', type: 'string' }] } },
    );
    expect(leaves(collection.item)[0]?.request.auth).toEqual({
      type: 'basic',
      basic: [
        { key: 'username', value: 'u', type: 'string' },
        { key: 'password', value: 'p', type: 'string' },
        { key: 'saveHelper', value: true, type: 'boolean' },
      ],
    });
    expect(collection.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: 't', type: 'string' }],
    });
  });

  it('normalises events, variables and flags, keeping unknown fields', () => {
    const collection = parse(
      [
        {
          id: 'item-1',
          name: 'r',
          request: { url: 'http://x', header: [{ key: 'A', value: 1, enabled: false }] },
          event: { listen: 'test', script: { exec: 'line1\r\nline2', type: 'text/javascript' } },
          custom: { kept: true },
        },
      ],
      { variable: [{ id: 'legacy', value: 1 }], event: [{ listen: 'prerequest', script: 'a\nb' }], x: 1 },
    );
    const [item] = leaves(collection.item);
    expect(item?.id).toBe('item-1');
    expect(item?.custom).toEqual({ kept: true });
    expect(item?.event).toEqual([
      { listen: 'test', script: { exec: ['line1', 'line2'], type: 'text/javascript' } },
    ]);
    expect(item?.request.header).toEqual([{ key: 'A', value: '1', enabled: false, disabled: true }]);
    // Newman names variables by `key` only: an id-only (v2.0) variable resolves nothing.
    expect(collection.variable).toEqual([{ id: 'legacy', key: '', value: 1 }]);
    expect(collection.event[0]?.script.exec).toEqual(['a', 'b']);
    expect(collection.x).toBe(1);
  });

  it('generates ids for items and folders that have none, and takes _postman_id', () => {
    const collection = parse([
      { name: 'f', item: [{ _postman_id: 'p-1', request: 'http://x' }, { request: 'y' }] },
    ]);
    const folder = collection.item[0];
    expect(folder && isItemGroup(folder)).toBe(true);
    const [first, second] = leaves(collection.item);
    expect(first?.id).toBe('p-1');
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(second?.id).toMatch(uuidV4);
    expect(folder?.id).toMatch(uuidV4);
    expect(collection.info._postman_id).toMatch(uuidV4);
    expect(new Set([second?.id, folder?.id, collection.info._postman_id]).size).toBe(3);
  });

  it('parses the raw URL of a URL object that has no parts', () => {
    const [item] = leaves(parse([{ request: { url: { raw: 'http://h.test/p?q=1' } } }]).item);
    expect(item?.request.url).toMatchObject({
      host: ['h', 'test'],
      path: ['p'],
      query: [{ key: 'q', value: '1' }],
    });
  });

  it('reads a v1 collection (the Newman corpus sample)', () => {
    const json = readJson(
      join(CONFORMANCE, 'newman-integration/multi-level-folders-v1.postman_collection.json'),
    );
    const collection = parseCollection(json);
    expect(collection.info.name).toBe('multi-level-folders');
    expect(collection.info.schema).toContain('v2.1.0');
    const names = leaves(collection.item).map((item) => item.name);
    expect(names[0]).toBe('F1.R1');
    expect(leaves(collection.item)[0]?.request.url.host).toEqual(['postman-echo', 'com']);
  });

  it('converts the v2.0 object-style auth of the corpus into v2.1 param arrays', () => {
    const json = readJson(join(CONFORMANCE, 'newman-integration/helper.postman_collection.json'));
    const auths = leaves(parseCollection(json).item).map((item) => item.request.auth);
    for (const auth of auths.filter((entry) => entry)) {
      const params = auth?.[auth.type];
      expect(Array.isArray(params)).toBe(true);
      for (const param of params as unknown[])
        expect(param).toEqual(expect.objectContaining({ key: expect.any(String) }));
    }
    const basic = auths.find((auth) => auth?.type === 'basic');
    const original = (
      json as { item: Array<{ request: { auth?: { type: string; basic?: Record<string, unknown> } } }> }
    ).item[1]?.request.auth?.basic;
    expect(basic?.basic).toEqual(
      Object.entries(original ?? {}).map(([key, value]) => expect.objectContaining({ key, value })),
    );
  });

  it('unwraps a Postman API response', () => {
    expect(parseCollection({ collection: { info: { name: 'wrapped' }, item: [] } }).info.name).toBe(
      'wrapped',
    );
  });
});

describe('parseCollection errors', () => {
  const errorOf = (input: unknown): string => {
    try {
      parseCollection(input);
    } catch (error) {
      expect(error).toBeInstanceOf(CollectionError);
      return (error as Error).message;
    }
    throw new Error('expected a CollectionError');
  };

  it('names the JSON path of a wrong value', () => {
    expect(errorOf({ info: { name: 'c' }, item: [{}, {}, { request: { url: 5 } }] })).toBe(
      'item[2].request.url: expected a string or an object',
    );
    expect(errorOf({ info: { name: 'c' }, item: [{ request: 5 }] })).toBe(
      'item[0].request: expected a string or an object',
    );
    expect(errorOf({ info: { name: 'c' }, item: [{ item: [{ request: { method: 3 } }] }] })).toBe(
      'item[0].item[0].request.method: expected a string, got a number',
    );
    expect(errorOf({ info: { name: 'c' }, item: {} })).toBe('item: expected an array, got an object');
    expect(errorOf({ info: { name: 'c' }, item: [{ request: { url: { host: [1] } } }] })).toBe(
      'item[0].request.url.host[0]: expected a string, got a number',
    );
    expect(
      errorOf({
        info: { name: 'c' },
        item: [{ request: { url: 'x', auth: { type: 'basic', basic: [{ value: 1 }] } } }],
      }),
    ).toBe('item[0].request.auth.basic[0].key: expected a string');
    expect(errorOf({ info: { name: 'c' }, item: [], variable: [{ value: 1 }] })).toBe(
      'variable[0].key: a variable needs a "key"',
    );
  });

  it('says when a document is not a collection', () => {
    expect(errorOf([1, 2])).toBe('not a Postman collection: expected a JSON object, got an array');
    expect(errorOf(42)).toBe('not a Postman collection: expected a JSON object, got a number');
    expect(errorOf(null)).toBe('not a Postman collection: expected a JSON object, got null');
    expect(errorOf({ name: 'env', values: [{ key: 'a', value: '1' }] })).toMatch(
      /^not a Postman collection: this looks like an environment file/,
    );
    expect(errorOf({ values: [], _postman_variable_scope: 'globals' })).toMatch(/looks like a globals file/);
    expect(errorOf({ hello: 'world' })).toMatch(/^not a Postman collection: expected "info" and "item"/);
  });
});
