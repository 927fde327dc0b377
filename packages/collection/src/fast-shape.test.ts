// biome-ignore lint/style/noRestrictedImports: tests read the conformance corpus from disk; the package itself stays browser-safe
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.ts';
import { SHARED_CONFORMANCE } from '../../../test/shared-corpus.ts';
import { readCollectionShape, readVariableFileShape } from './fast-shape.ts';
import { decodeDocument, parseJsonDocument } from './json-document.ts';
import { documentSchemas } from './validate-documents.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/collections');

function findJson(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findJson(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

const readJson = (path: string): unknown => parseJsonDocument(decodeDocument(readFileSync(path)), path);

const collections = [
  ...findJson(FIXTURES, '.postman_collection.json'),
  ...findJson(SHARED_CONFORMANCE, '.postman_collection.json'),
]
  .map((path) => ({ path, json: readJson(path) as Record<string, unknown> }))
  // v1 collections are converted before validation; the fast reading sees v2 documents only
  .filter(({ json }) => typeof json === 'object' && json !== null && ('info' in json || 'item' in json))
  // as parseCollection prepares them
  .map(({ path, json }) => ({ path, json: 'info' in json ? json : { ...json, info: { name: '' } } }));

const variableFiles = [
  ...findJson(FIXTURES, '.postman_environment.json'),
  ...findJson(FIXTURES, '.postman_globals.json'),
  ...findJson(SHARED_CONFORMANCE, '.postman_environment.json'),
]
  .map((path) => ({ path, json: readJson(path) }))
  // as parseVariableList prepares them
  .map(({ path, json }) => ({ path, json: Array.isArray(json) ? { values: json } : json }));

/** The fast reading gives what zod gives, key order included, or leaves the document to zod. */
function expectSameAsZod(
  fast: unknown,
  schema: { safeParse(value: unknown): unknown },
  input: unknown,
): void {
  const zod = schema.safeParse(input) as { success: boolean; data?: unknown };
  if (fast === undefined) {
    // only documents zod refuses, or that carry a `__proto__` key, are left to it
    if (zod.success) expect(JSON.stringify(input)).toContain('"__proto__"');
    return;
  }
  expect(zod.success).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
}

const REPLACEMENTS: unknown[] = [null, 0, 1.5, -3, true, false, '', 'text', [], ['a'], [1], {}, { key: 'k' }];

/** A copy of `value` with one node (chosen by `next`) replaced, removed, or given an extra key. */
function mutate(value: unknown, next: () => number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const nodes: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        nodes.push({ parent: node, key: index });
        walk(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        nodes.push({ parent: node as Record<string, unknown>, key });
        walk(child);
      }
    }
  };
  walk(copy);
  const target = nodes[Math.floor(next() * nodes.length)];
  if (!target) return copy;
  const choice = next();
  const parent = target.parent as Record<string | number, unknown>;
  if (choice < 0.15 && !Array.isArray(parent)) delete parent[target.key];
  else if (choice < 0.25 && typeof parent[target.key] === 'object' && parent[target.key] !== null) {
    (parent[target.key] as Record<string, unknown>).extra =
      REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
  } else parent[target.key] = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]);
  return copy;
}

describe('fast reading of documents (fast-shape.ts)', () => {
  const { collectionSchema, variableFileSchema } = documentSchemas();

  it('reads every corpus collection exactly as zod does', () => {
    expect(collections.length).toBeGreaterThan(40);
    for (const { path, json } of collections) {
      const fast = readCollectionShape(json);
      expect(fast, path).toBeDefined();
      expectSameAsZod(fast, collectionSchema, json);
    }
  });

  it('reads every corpus environment and globals file exactly as zod does', () => {
    expect(variableFiles.length).toBeGreaterThan(3);
    for (const { path, json } of variableFiles) {
      const fast = readVariableFileShape(json);
      expect(fast, path).toBeDefined();
      expectSameAsZod(fast, variableFileSchema, json);
    }
  });

  it('agrees with zod on thousands of mutated documents (accepts the same, refuses the same)', () => {
    const next = seededRandom(20_240_601);
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const source = collections[round % collections.length]?.json;
      let document = mutate(source, next);
      if (next() < 0.3) document = mutate(document, next);
      const fast = readCollectionShape(document);
      if (fast === undefined) refused++;
      expectSameAsZod(fast, collectionSchema, document);
    }
    // the mutations reach both sides of the schema
    expect(refused).toBeGreaterThan(300);
    expect(refused).toBeLessThan(2700);
  });

  it('agrees with zod on mutated variable files', () => {
    const next = seededRandom(7);
    for (let round = 0; round < 1000; round++) {
      const source = variableFiles[round % variableFiles.length]?.json;
      const document = mutate(source, next);
      expectSameAsZod(readVariableFileShape(document), variableFileSchema, document);
    }
  });

  it('puts known keys first in schema order, then the others, and copies objects and arrays', () => {
    const request = { zeta: 1, body: { raw: 'x', mode: 'raw' }, method: 'GET', url: 'http://a.test/' };
    const input = { item: [{ request, name: 'one' }], info: { name: 'c' } };
    const fast = readCollectionShape<{ item: Array<{ request: unknown }> }>(input);
    expect(JSON.stringify(fast)).toBe(
      '{"info":{"name":"c"},"item":[{"name":"one","request":{"url":"http://a.test/","method":"GET","body":{"mode":"raw","raw":"x"},"zeta":1}}]}',
    );
    expect(fast?.item[0]?.request).not.toBe(request);
  });

  it('leaves documents with a __proto__ key, and invalid ones, to zod', () => {
    const withProto = JSON.parse('{"info":{"name":"x"},"item":[{"__proto__":{"polluted":true},"name":"a"}]}');
    expect(readCollectionShape(withProto)).toBeUndefined();
    expect(readCollectionShape({ info: { name: 'x' }, item: [{ request: 5 }] })).toBeUndefined();
    expect(readCollectionShape({ item: [] })).toBeUndefined();
    expect(readCollectionShape({ info: { name: Number.NaN }, item: [] })).toBeUndefined();
    expect(readVariableFileShape({ values: [{ key: 'a', disabled: 'yes' }] })).toBeUndefined();
  });
});
