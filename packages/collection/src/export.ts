import type { Collection } from './model.ts';

export const COLLECTION_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/**
 * The collection as Postman v2.1 JSON (for `--export-collection`): the schema URL set, ids and
 * unknown fields kept, `undefined` values dropped. The result is a fresh plain object.
 *
 * @example writeFileSync(out, JSON.stringify(toCollectionJson(collection), null, 2));
 */
export function toCollectionJson(collection: Collection): Record<string, unknown> {
  const document = { ...collection, info: { ...collection.info, schema: COLLECTION_SCHEMA_V21 } };
  return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}
