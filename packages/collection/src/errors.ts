/**
 * The one error type of this package: a document that cannot be read as a collection, environment,
 * globals or data file. The message starts with the JSON path of the offending value so a user can
 * find it in a large file.
 */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
  /** JSON path of the offending value (`item[2].request.url`), or `''` for the document itself. */
  readonly path: string;

  /**
   * @example
   * throw new CollectionError('expected a string or an object', ['item', 2, 'request', 'url']);
   * // message: "item[2].request.url: expected a string or an object"
   */
  constructor(problem: string, path: ReadonlyArray<PropertyKey> | string = '') {
    const where = typeof path === 'string' ? path : formatJsonPath(path);
    super(where ? `${where}: ${problem}` : problem);
    this.path = where;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Formats a path as users write it in JavaScript: `item[2].request.url`, `values[0]['my key']`.
 *
 * @example formatJsonPath(['item', 0, 'request']) // 'item[0].request'
 */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/**
 * Describes a value's JSON type for error messages: `a string`, `an array`, `null`.
 *
 * @example describeJsonType(3) // 'a number'
 */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
