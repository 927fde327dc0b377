// Type declarations for the CommonJS packages this package uses that ship no types of their own.

declare module '@faker-js/faker/locale/en.js' {
  /** Faker 5's instance: namespaces (`address`, `internet` …) of generator functions. */
  const faker: Record<string, unknown>;
  export default faker;
}

declare module 'csv-parse/lib/browser/sync.js' {
  interface CastContext {
    column: number | string;
    index: number;
    lines: number;
    quoting: boolean;
    header: boolean;
    records: number;
  }
  interface Options {
    columns?: boolean;
    escape?: string;
    cast?: (value: string, context: CastContext) => unknown;
    trim?: boolean;
    relax?: boolean;
    relax_column_count?: boolean;
    bom?: boolean;
  }
  /** csv-parse 4's synchronous API, in its self-contained (browser-safe) build. */
  function parse(input: string, options?: Options): Array<Record<string, unknown>>;
  export default parse;
}

declare module 'postman-collection-transformer' {
  interface ConvertOptions {
    inputVersion: string;
    outputVersion: string;
    retainIds?: boolean;
  }
  /** Calls back synchronously with the converted collection. */
  function convert(
    collection: unknown,
    options: ConvertOptions,
    callback: (error: Error | null, result: unknown) => void,
  ): void;
  const transformer: { convert: typeof convert };
  export default transformer;
}
