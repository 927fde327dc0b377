/**
 * A zod-free reading of collection and variable-file JSON for documents that are valid, which is
 * nearly all of them: loading zod and compiling its schemas costs `postern run` tens of ms at
 * startup, while this walk costs microseconds. It mirrors `schema.ts` field for field and gives
 * exactly what zod's parse gives (new objects with the schema's keys first, in schema order, then
 * the unknown keys; arrays copied; `unknown` values passed through). Anything it does not accept,
 * it hands back as `undefined`, and the caller runs zod, whose issues make the error message.
 * `fast-shape.test.ts` holds the two to the same output.
 */

/** A reader: the parsed value, or FAIL when the value does not match. */
type Reader = (value: unknown) => unknown;

const FAIL: unique symbol = Symbol('fail');

const string: Reader = (v) => (typeof v === 'string' ? v : FAIL);
const number: Reader = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
const boolean: Reader = (v) => (typeof v === 'boolean' ? v : FAIL);
const nullValue: Reader = (v) => (v === null ? v : FAIL);
const unknown: Reader = (v) => v;

const optional =
  (read: Reader): Reader =>
  (v) =>
    v === undefined ? v : read(v);
const nullish =
  (read: Reader): Reader =>
  (v) =>
    v === undefined || v === null ? v : read(v);

/** zod's union: the first option that accepts the value. */
function union(...options: Reader[]): Reader {
  return (v) => {
    for (const read of options) {
      const out = read(v);
      if (out !== FAIL) return out;
    }
    return FAIL;
  };
}

function array(entry: Reader): Reader {
  return (v) => {
    if (!Array.isArray(v)) return FAIL;
    const out: unknown[] = [];
    for (const item of v) {
      const read = entry(item);
      if (read === FAIL) return FAIL;
      out.push(read);
    }
    return out;
  };
}

/** zod's looseObject: known keys in shape order (absent ones stay absent), then the others. */
function looseObject(shape: Record<string, Reader>): Reader {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const read = (shape[key] as Reader)(input[key]);
      if (read === FAIL) return FAIL;
      if (read !== undefined || key in input) out[key] = read;
    }
    for (const key in input) {
      if (known.has(key)) continue;
      // zod assigns unknown keys, so `__proto__` would set a prototype: leave that case to zod
      if (key === '__proto__') return FAIL;
      out[key] = input[key];
    }
    return out;
  };
}

/** Recursion (items hold items), as z.lazy. */
function lazy(get: () => Reader): Reader {
  let read: Reader | undefined;
  return (v) => {
    read ??= get();
    return read(v);
  };
}

// ---- the schemas of schema.ts, in the same order and with the same fields ----

const scalar = union(string, number, boolean, nullValue);
const flag = nullish(boolean);
const listOf = (entry: Reader) => union(array(entry), entry);
const stringOrNumber = union(string, number);

const variable = looseObject({
  key: nullish(stringOrNumber),
  id: nullish(stringOrNumber),
  value: optional(unknown),
  type: nullish(string),
  disabled: flag,
  enabled: flag,
  allowedDomains: nullish(array(string)),
});

const scriptObject = looseObject({
  exec: nullish(union(string, array(string))),
  type: nullish(string),
  id: nullish(string),
  name: nullish(string),
});

const event = looseObject({
  listen: string,
  script: nullish(union(string, array(string), scriptObject)),
  disabled: flag,
});

const keyValue = looseObject({ key: optional(scalar), value: optional(scalar), disabled: flag });

const pathSegment = union(string, looseObject({ value: optional(scalar) }));

const urlObject = looseObject({
  raw: nullish(string),
  protocol: nullish(string),
  host: nullish(union(string, array(string))),
  port: nullish(stringOrNumber),
  path: nullish(union(string, array(pathSegment))),
  query: nullish(array(keyValue)),
  hash: nullish(string),
  variable: nullish(listOf(variable)),
});

const emptyLoose = looseObject({});

const body = looseObject({
  mode: nullish(string),
  raw: optional(unknown),
  urlencoded: nullish(array(keyValue)),
  formdata: nullish(
    array(
      looseObject({
        key: optional(scalar),
        type: nullish(string),
        src: optional(union(string, array(string), nullValue)),
        disabled: flag,
      }),
    ),
  ),
  file: nullish(looseObject({ src: nullish(string) })),
  graphql: nullish(emptyLoose),
  options: nullish(emptyLoose),
  disabled: flag,
});

const auth = looseObject({ type: string });

const requestObject = looseObject({
  url: nullish(union(string, urlObject)),
  method: nullish(string),
  header: nullish(union(string, array(union(keyValue, string)))),
  body: nullish(body),
  auth: nullish(auth),
});

const nodeFields = {
  id: nullish(stringOrNumber),
  name: nullish(stringOrNumber),
  event: nullish(listOf(event)),
  variable: nullish(listOf(variable)),
  auth: nullish(auth),
  protocolProfileBehavior: nullish(emptyLoose),
};

const item: Reader = lazy(() =>
  looseObject({
    ...nodeFields,
    _postman_id: nullish(stringOrNumber),
    item: nullish(array(item)),
    request: nullish(union(string, requestObject)),
    response: nullish(array(unknown)),
  }),
);

const collection = looseObject({
  info: looseObject({
    name: nullish(stringOrNumber),
    _postman_id: nullish(string),
    schema: nullish(string),
  }),
  item: nullish(array(item)),
  event: nullish(listOf(event)),
  variable: nullish(listOf(variable)),
  auth: nullish(auth),
  protocolProfileBehavior: nullish(emptyLoose),
});

const variableFile = looseObject({
  id: nullish(stringOrNumber),
  name: nullish(stringOrNumber),
  values: nullish(array(variable)),
});

function run<T>(read: Reader, input: unknown): T | undefined {
  const out = read(input);
  return out === FAIL ? undefined : (out as T);
}

/**
 * A collection document as zod's `collectionSchema` parses it, or undefined when zod must look.
 * @example readCollectionShape({ info: { name: 'x' }, item: [] }) // { info: { name: 'x' }, item: [] }
 */
export function readCollectionShape<T>(document: unknown): T | undefined {
  return run<T>(collection, document);
}

/**
 * A variable file as zod's `variableFileSchema` parses it, or undefined when zod must look.
 * @example readVariableFileShape({ values: [{ key: 'a', value: 1 }] })
 */
export function readVariableFileShape<T>(document: unknown): T | undefined {
  return run<T>(variableFile, document);
}
