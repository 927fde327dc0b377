/**
 * Zod schemas of collection JSON as it is found in the wild (v2.0 and v2.1, hand-written or
 * exported). They are deliberately lenient where Postman is lenient (strings or arrays, numbers
 * where strings are expected, nulls) and strict where a wrong type would break the run. Unknown
 * fields pass through so an export round-trips; `normalise.ts` turns the result into the model.
 */
import * as z from 'zod';

/** A value Postman would stringify: header values, query values, ids. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'expected a string, number, boolean or null',
});
const flag = z.boolean().nullish();

/** Postman's lists also accept a single entry in place of an array. */
const listOf = <T extends z.ZodType>(entry: T, what: string) =>
  z.union([z.array(entry), entry], { error: `expected an array of ${what}` });

export const variableSchema = z.looseObject({
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

export const eventSchema = z.looseObject({
  listen: z.string(),
  script: z
    .union([z.string(), z.array(z.string()), scriptObjectSchema], {
      error: 'expected a script object, a string or an array of strings',
    })
    .nullish(),
  disabled: flag,
});

const queryParamSchema = z.looseObject({ key: scalar.optional(), value: scalar.optional(), disabled: flag });

const pathSegmentSchema = z.union([z.string(), z.looseObject({ value: scalar.optional() })], {
  error: 'expected a string or an object',
});

export const urlObjectSchema = z.looseObject({
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
export const authSchema = z.looseObject({ type: z.string() });

export const requestObjectSchema = z.looseObject({
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

export interface ItemInput {
  [key: string]: unknown;
  item?: ItemInput[] | null | undefined;
}

export const itemSchema: z.ZodType<ItemInput> = z.lazy(() =>
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

export const collectionSchema = z.looseObject({
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

export type CollectionInput = z.infer<typeof collectionSchema>;
export type RequestInput = z.infer<typeof requestObjectSchema>;
export type UrlInput = z.infer<typeof urlObjectSchema>;
export type EventInput = z.infer<typeof eventSchema>;
export type VariableInput = z.infer<typeof variableSchema>;
