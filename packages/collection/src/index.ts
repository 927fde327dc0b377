export { DYNAMIC_VARIABLE_NAMES, dynamicVariable } from './dynamic-variables.ts';
export { CollectionError, formatJsonPath } from './errors.ts';
export { COLLECTION_SCHEMA_V21, toCollectionJson } from './export.ts';
export { parseHeaderString } from './headers.ts';
// parseIterationData is reached through parseIterationDataLazily: importing it here would load
// csv-parse with the package.
export type { IterationDataFormat } from './iteration-data.ts';
export { decodeDocument, parseJsonDocument } from './json-document.ts';
export * from './model.ts';
export { normaliseRequest } from './normalise-collection.ts';
export {
  type FakerLike,
  loadOptionalDependencies,
  registerOptionalDependencies,
  type V1Converter,
} from './optional-deps.ts';
export { parseCollection } from './parse-collection.ts';
export { parseIterationDataLazily } from './parse-lazily.ts';
export { createLookup, substitute, substituteDeep, type VariableLookup } from './substitute.ts';
export { parseUrl, urlToString } from './url.ts';
export { parseVariableList } from './variable-list.ts';
export { coerceVariableValue, VariableScope, variableText } from './variable-scope.ts';
