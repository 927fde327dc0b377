/**
 * collectionImporter: reads a submitted collection (Postman v2.1, v2.0 or v1 JSON) with
 * @postern/collection and returns what is stored: v2.1 JSON text whose `info._postman_id` is the
 * server's id. A document the parser rejects is a 400 `invalidParams` with the parser's message
 * (it names the JSON path of the problem).
 */
import {
  COLLECTION_SCHEMA_V21,
  type Collection,
  CollectionError,
  parseCollection,
} from '@postern/collection';
import { AppError } from '../../errors/app-error.ts';

export interface StoredCollection {
  name: string;
  /** v2.1 JSON text. */
  content: string;
}

/**
 * @example
 * const stored = importCollection(req.body.collection, id);
 * // { name: 'Payments API', content: '{"info":{"_postman_id":"<id>",…},"item":[…]}' }
 */
export function importCollection(document: unknown, id: string): StoredCollection {
  let collection: Collection;
  try {
    collection = parseCollection(document);
  } catch (error) {
    if (error instanceof CollectionError) {
      throw new AppError('invalidParams', `The collection is not valid: ${error.message}`, {
        path: error.path,
      });
    }
    throw error;
  }
  const name = collection.info.name.trim();
  if (!name)
    throw new AppError('invalidParams', 'The collection is not valid: info.name: a name is required');
  // What toCollectionJson gives, serialised once: its deep copy would cost a second pass over
  // megabytes of JSON.
  const info = { ...collection.info, _postman_id: id, schema: COLLECTION_SCHEMA_V21 };
  return { name: name.slice(0, 500), content: JSON.stringify({ ...collection, info }) };
}
