/**
 * Zod schemas of collection JSON as it is found in the wild (v2.0 and v2.1, hand-written or
 * exported). They are deliberately lenient where Postman is lenient (strings or arrays, numbers
 * where strings are expected, nulls) and strict where a wrong type would break the run. Unknown
 * fields pass through so an export round-trips; `normalise.ts` turns the result into the model.
 *
 * They are built from the zod namespace they are given, on first need (see validate-documents.ts):
 * valid documents are read without zod (fast-shape.ts mirrors these schemas), and loading zod costs
 * a CLI run tens of milliseconds.
 */
import type * as Zod from 'zod';

/** Builds every schema with `z`. @example createSchemas(z).collectionSchema.safeParse(json) */
export function createSchemas(z: typeof Zod) {
  /** A value Postman would stringify: header values, query values, ids. */
  const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'expected a string, number, boolean or null',
  });
  const flag = z.boolean().nullish();

  /** Postman's lists also accept a single entry in place of an array. */
  const listOf = <T extends Zod.ZodType>(entry: T, what: string) =>
    z.union([z.array(entry), entry], { error: `expected an array of ${what}` });

  const variableSchema = z.looseObject({
    key: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    id: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    value: z.unknown().optional(),
    type: z.string().nullish(),
    disabled: flag,
    enabled: flag,
    allowedDomains: z.array(z.string()).nullish(),
  });

  const scriptObjectSchema = z.looseObject({
    exec: z
      .union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' })
      .nullish(),
    type: z.string().nullish(),
    id: z.string().nullish(),
    name: z.string().nullish(),
  });

  const eventSchema = z.looseObject({
    listen: z.string(),
    script: z
      .union([z.string(), z.array(z.string()), scriptObjectSchema], {
        error: 'expected a script object, a string or an array of strings',
      })
      .nullish(),
    disabled: flag,
  });

  const queryParamSchema = z.looseObject({
    key: scalar.optional(),
    value: scalar.optional(),
    disabled: flag,
  });

  const pathSegmentSchema = z.union([z.string(), z.looseObject({ value: scalar.optional() })], {
    error: 'expected a string or an object',
  });

  const urlObjectSchema = z.looseObject({
    raw: z.string().nullish(),
    protocol: z.string().nullish(),
    host: z
      .union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' })
      .nullish(),
    port: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    path: z
      .union([z.string(), z.array(pathSegmentSchema)], { error: 'expected a string or an array' })
      .nullish(),
    query: z.array(queryParamSchema).nullish(),
    hash: z.string().nullish(),
    variable: listOf(variableSchema, 'variables').nullish(),
  });

  const headerSchema = z.looseObject({ key: scalar.optional(), value: scalar.optional(), disabled: flag });

  const bodySchema = z.looseObject({
    mode: z.string().nullish(),
    raw: z.unknown().optional(),
    urlencoded: z
      .array(z.looseObject({ key: scalar.optional(), value: scalar.optional(), disabled: flag }))
      .nullish(),
    formdata: z
      .array(
        z.looseObject({
          key: scalar.optional(),
          type: z.string().nullish(),
          src: z
            .union([z.string(), z.array(z.string()), z.null()], { error: 'expected a string or an array' })
            .optional(),
          disabled: flag,
        }),
      )
      .nullish(),
    file: z.looseObject({ src: z.string().nullish() }).nullish(),
    graphql: z.looseObject({}).nullish(),
    options: z.looseObject({}).nullish(),
    disabled: flag,
  });

  /** `{ type, <type>: [{key, value, type}] | {key: value} }`; params are checked by the normaliser. */
  const authSchema = z.looseObject({ type: z.string() });

  const requestObjectSchema = z.looseObject({
    url: z.union([z.string(), urlObjectSchema], { error: 'expected a string or an object' }).nullish(),
    method: z.string().nullish(),
    header: z
      .union([z.string(), z.array(z.union([headerSchema, z.string()], { error: 'expected an object' }))], {
        error: 'expected a string or an array',
      })
      .nullish(),
    body: bodySchema.nullish(),
    auth: authSchema.nullish(),
  });

  const nodeFields = {
    id: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    name: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    event: listOf(eventSchema, 'events').nullish(),
    variable: listOf(variableSchema, 'variables').nullish(),
    auth: authSchema.nullish(),
    protocolProfileBehavior: z.looseObject({}).nullish(),
  };

  const itemSchema: Zod.ZodType<ItemInput> = z.lazy(() =>
    z.looseObject({
      ...nodeFields,
      _postman_id: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
      item: z.array(itemSchema).nullish(),
      request: z
        .union([z.string(), requestObjectSchema], { error: 'expected a string or an object' })
        .nullish(),
      response: z.array(z.unknown()).nullish(),
    }),
  );

  const collectionSchema = z.looseObject({
    info: z.looseObject({
      name: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
      _postman_id: z.string().nullish(),
      schema: z.string().nullish(),
    }),
    item: z.array(itemSchema).nullish(),
    event: listOf(eventSchema, 'events').nullish(),
    variable: listOf(variableSchema, 'variables').nullish(),
    auth: authSchema.nullish(),
    protocolProfileBehavior: z.looseObject({}).nullish(),
  });

  /** An environment or globals file. */
  const variableFileSchema = z.looseObject({
    id: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    name: z.union([z.string(), z.number()], { error: 'expected a string' }).nullish(),
    values: z.array(variableSchema).nullish(),
  });
  return {
    collectionSchema,
    variableFileSchema,
    variableSchema,
    eventSchema,
    urlObjectSchema,
    requestObjectSchema,
  };
}

type Schemas = ReturnType<typeof createSchemas>;

export interface ItemInput {
  [key: string]: unknown;
  item?: ItemInput[] | null | undefined;
}

export type CollectionInput = Zod.infer<Schemas['collectionSchema']>;
export type VariableFileInput = Zod.infer<Schemas['variableFileSchema']>;
export type RequestInput = Zod.infer<Schemas['requestObjectSchema']>;
export type UrlInput = Zod.infer<Schemas['urlObjectSchema']>;
export type EventInput = Zod.infer<Schemas['eventSchema']>;
export type VariableInput = Zod.infer<Schemas['variableSchema']>;
