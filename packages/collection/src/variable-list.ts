import { CollectionError, describeJsonType } from './errors.ts';
import { readVariableFileShape } from './fast-shape.ts';
import type { VariableList } from './model.ts';
import { copyFields, isPlainObject, normaliseVariables } from './normalise-parts.ts';
import type { VariableFileInput } from './schema.ts';
import { validateVariableFileDocument } from './validate-documents.ts';

const LIST_PARTS: ReadonlySet<string> = new Set(['id', 'name', 'values']);

/**
 * Reads an environment or globals file: `{ id, name, values: [{ key, value, type, enabled }] }`,
 * a bare array of variables, or either wrapped as `{ environment: … }` / `{ globals: … }` (Postman
 * API responses). `enabled: false` becomes `disabled: true`; `type` (`secret` included) and
 * Postern's `allowedDomains` are kept.
 *
 * @example
 * const env = parseVariableList(JSON.parse(text), 'environment');
 * new VariableScope(env.values).get('baseUrl');
 */
export function parseVariableList(input: unknown, kind: 'environment' | 'globals'): VariableList {
  let document = input;
  if (isPlainObject(document) && (isPlainObject(document[kind]) || Array.isArray(document[kind]))) {
    document = document[kind];
  }
  if (Array.isArray(document)) document = { values: document };
  if (!isPlainObject(document)) {
    throw new CollectionError(
      `not a Postman ${kind} file: expected a JSON object, got ${describeJsonType(document)}`,
    );
  }
  if (!('values' in document) && ('info' in document || 'item' in document)) {
    throw new CollectionError(
      `not a Postman ${kind} file: this looks like a collection (it has "info" or "item")`,
    );
  }
  // zod (loaded on first need) only looks at files the fast reading refuses, to say why.
  const file = readVariableFileShape<VariableFileInput>(document) ?? validateVariableFileDocument(document);
  const out: Record<string, unknown> = {};
  if (file.id !== null && file.id !== undefined) out.id = String(file.id);
  if (file.name !== null && file.name !== undefined) out.name = String(file.name);
  Object.assign(out, copyFields(file, LIST_PARTS));
  out.values = normaliseVariables(file.values, ['values']);
  return out as VariableList;
}
