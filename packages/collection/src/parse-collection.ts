import { CollectionError, describeJsonType } from './errors.ts';
import { readCollectionShape } from './fast-shape.ts';
import type { Collection } from './model.ts';
import { normaliseCollection } from './normalise-collection.ts';
import { isPlainObject } from './normalise-parts.ts';
import { getV1Converter } from './optional-deps.ts';
import type { CollectionInput } from './schema.ts';
import { validateCollectionDocument } from './validate-documents.ts';

const NOT_A_COLLECTION = 'not a Postman collection';

/**
 * Reads collection JSON — v2.1, v2.0 or v1, also wrapped as `{ collection: … }` like Postman API
 * responses — and returns the normalised model (see `model.ts`). Throws a `CollectionError` that
 * names the JSON path of the first problem.
 *
 * @example
 * const collection = parseCollection(JSON.parse(readFileSync('api.postman_collection.json', 'utf8')));
 * collection.item[0]?.name;
 * @example
 * parseCollection({ info: { name: 'x' }, item: [{ request: 5 }] });
 * // throws CollectionError "item[0].request: expected a string or an object"
 */
export function parseCollection(input: unknown): Collection {
  let document = input;
  if (
    isPlainObject(document) &&
    isPlainObject(document.collection) &&
    !('info' in document || 'item' in document)
  ) {
    document = document.collection;
  }
  if (!isPlainObject(document)) {
    throw new CollectionError(
      `${NOT_A_COLLECTION}: expected a JSON object, got ${describeJsonType(document)}`,
    );
  }
  if (isV1Collection(document)) document = convertV1(document);
  else if (!('info' in document) && !('item' in document))
    throw new CollectionError(notACollection(document));
  else if (!('info' in document)) document = { ...document, info: { name: '' } };
  // zod (loaded on first need) only looks at documents the fast reading refuses, to say why.
  return normaliseCollection(
    readCollectionShape<CollectionInput>(document) ?? validateCollectionDocument(document),
  );
}

/** v1 collections are flat: `{ id, name, order, folders, requests }`. */
function isV1Collection(document: Record<string, unknown>): boolean {
  return !('info' in document) && Array.isArray(document.requests);
}

function notACollection(document: Record<string, unknown>): string {
  const scope = document._postman_variable_scope;
  if (Array.isArray(document.values) || scope === 'environment' || scope === 'globals') {
    const kind = scope === 'globals' ? 'a globals' : 'an environment';
    return `${NOT_A_COLLECTION}: this looks like ${kind} file (it has "values" but no "info" or "item")`;
  }
  return `${NOT_A_COLLECTION}: expected "info" and "item" (a v2 collection) or "requests" (a v1 collection)`;
}

function convertV1(document: Record<string, unknown>): Record<string, unknown> {
  let converted: unknown;
  let failure: Error | null = null;
  try {
    // The transformer calls back synchronously. Ids are kept so `setNextRequest(id)` and reports
    // can refer to the v1 request ids.
    getV1Converter().convert(
      document,
      { inputVersion: '1.0.0', outputVersion: '2.1.0', retainIds: true },
      (error: Error | null, result: unknown) => {
        failure = error;
        converted = result;
      },
    );
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  if (failure !== null || !isPlainObject(converted)) {
    const reason = (failure as Error | null)?.message ?? 'the converter returned nothing';
    throw new CollectionError(`not a valid v1 collection: ${reason}`);
  }
  return converted;
}
