import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMA_V21, toCollectionJson } from './export.ts';
import { parseCollection } from './parse-collection.ts';

describe('toCollectionJson', () => {
  const v20 = {
    info: { name: 'legacy', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
    item: [
      {
        id: 'r1',
        name: 'r',
        request: { url: 'http://x.test/a', auth: { type: 'bearer', bearer: { token: 't' } } },
        custom: 'kept',
      },
    ],
  };

  it('writes v2.1 JSON with the schema URL, ids and unknown fields kept', () => {
    const json = toCollectionJson(parseCollection(v20)) as {
      info: { schema: string; _postman_id: string };
      item: Array<{ id: string; custom: string; request: { auth: unknown } }>;
    };
    expect(json.info.schema).toBe(COLLECTION_SCHEMA_V21);
    expect(json.info._postman_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.item[0]?.id).toBe('r1');
    expect(json.item[0]?.custom).toBe('kept');
    expect(json.item[0]?.request.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: 't', type: 'string' }],
    });
  });

  it('returns plain JSON data that does not share objects with the collection', () => {
    const collection = parseCollection(v20);
    const json = toCollectionJson(collection) as { item: Array<{ name: string }> };
    json.item[0]!.name = 'changed';
    expect(collection.item[0]?.name).toBe('r');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('round-trips: parsing the export gives the same collection', () => {
    const collection = parseCollection(v20);
    expect(parseCollection(toCollectionJson(collection))).toEqual(collection);
  });
});
