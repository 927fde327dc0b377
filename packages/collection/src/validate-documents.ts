/**
 * Validation with the zod schemas, for documents the fast reading (fast-shape.ts) refuses: zod's
 * issues make the error message. The schemas are built when first needed.
 */
import { getZod } from './optional-deps.ts';
import { type CollectionInput, createSchemas, type VariableFileInput } from './schema.ts';
import { validateWith } from './validate.ts';

let schemas: ReturnType<typeof createSchemas> | undefined;

function built(): ReturnType<typeof createSchemas> {
  schemas ??= createSchemas(getZod());
  return schemas;
}

/** @example validateCollectionDocument({ info: { name: 'x' }, item: [] }) */
export function validateCollectionDocument(document: unknown): CollectionInput {
  return validateWith(built().collectionSchema, document);
}

/** @example validateVariableFileDocument({ values: [] }) */
export function validateVariableFileDocument(document: unknown): VariableFileInput {
  return validateWith(built().variableFileSchema, document);
}

/** The zod schemas (tests compare the fast reading with them). */
export function documentSchemas(): ReturnType<typeof createSchemas> {
  return built();
}
